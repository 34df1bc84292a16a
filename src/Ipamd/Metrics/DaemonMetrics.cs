using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>
/// The daemon's Prometheus metrics (prefix <c>cloudnet_</c>) in a registry of its own, so no
/// process-wide default collectors run. Providers add theirs to <see cref="Registry"/>.
/// </summary>
public sealed class DaemonMetrics
{
    private static readonly double[] LatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Gauge _addresses;
    private readonly Gauge _interfaces;

    /// <summary>Creates the metrics in a new registry.</summary>
    public DaemonMetrics()
    {
        Registry = new MetricRegistry();
        _addresses = Registry.CreateGauge("cloudnet_addresses", "Pod addresses of the node by state.", ["state"]);
        _interfaces = Registry.CreateGauge("cloudnet_interfaces", "Pool interfaces attached to the node.");
        AddRequests = Registry.CreateCounter("cloudnet_add_requests_total", "ADD requests by outcome.", ["outcome"]);
        DelRequests = Registry.CreateCounter("cloudnet_del_requests_total", "DEL requests by outcome.", ["outcome"]);
        AddDuration = Registry.CreateHistogram("cloudnet_add_duration_seconds", "ADD latency, including any wait for the pool.", LatencyBuckets);
        DelDuration = Registry.CreateHistogram("cloudnet_del_duration_seconds", "DEL latency.", LatencyBuckets);
        ReconcileRuns = Registry.CreateCounter("cloudnet_reconcile_runs_total", "Reconciler rounds.");
        ReconcileErrors = Registry.CreateCounter("cloudnet_reconcile_errors_total", "Reconciler rounds that failed.");
        ProviderCalls = Registry.CreateCounter("cloudnet_provider_calls_total", "Provider calls by operation.", ["provider", "operation"]);
        ProviderErrors = Registry.CreateCounter("cloudnet_provider_errors_total", "Failed provider calls by operation and error kind.", ["provider", "operation", "kind"]);
        PrefixFallbacks = Registry.CreateCounter("cloudnet_prefix_fallback_total", "Prefix assignments that fell back to single addresses (InsufficientCidrBlocks).");
        CheckpointWrites = Registry.CreateCounter("cloudnet_checkpoint_writes_total", "Checkpoint writes.");
        GcReleased = Registry.CreateCounter("cloudnet_gc_released_total", "Allocations released by CNI GC.");
        NodePodIPs = Registry.CreateGauge("cloudnet_node_pod_ips", "Pod IP capacity published on the Node object as the extended resource cloudnet.io/pod-ips; 0 until published.");
        ReleaseDelay = Registry.CreateGauge("cloudnet_release_delay_seconds", "How long a pool surplus must last before it is given back, as learned from earlier releases.");
    }

    /// <summary>The registry exported at /metrics; providers add their own metrics to it.</summary>
    public MetricRegistry Registry { get; }

    /// <summary>ADD requests by outcome: assigned, repeated, exhausted, invalid, unavailable, version_mismatch, cancelled, error.</summary>
    public Counter AddRequests { get; }

    /// <summary>DEL requests by outcome: released, unknown, invalid, unavailable, version_mismatch, cancelled, error.</summary>
    public Counter DelRequests { get; }

    /// <summary>ADD latency in seconds.</summary>
    public Histogram AddDuration { get; }

    /// <summary>DEL latency in seconds.</summary>
    public Histogram DelDuration { get; }

    /// <summary>Reconciler rounds.</summary>
    public Counter ReconcileRuns { get; }

    /// <summary>Reconciler rounds that failed.</summary>
    public Counter ReconcileErrors { get; }

    /// <summary>Provider calls by provider and operation.</summary>
    public Counter ProviderCalls { get; }

    /// <summary>Failed provider calls by provider, operation and kind.</summary>
    public Counter ProviderErrors { get; }

    /// <summary>Prefix assignments that fell back to single addresses.</summary>
    public Counter PrefixFallbacks { get; }

    /// <summary>Checkpoint writes.</summary>
    public Counter CheckpointWrites { get; }

    /// <summary>Allocations released by CNI GC.</summary>
    public Counter GcReleased { get; }

    /// <summary>The release delay in seconds, as learned (CLOUDNET_RELEASE_DELAY up to CLOUDNET_RELEASE_DELAY_MAX).</summary>
    public Gauge ReleaseDelay { get; }

    /// <summary>The pod IP capacity published on the Node object (0 until published).</summary>
    public Gauge NodePodIPs { get; }

    /// <summary>Sets the pool gauges; called before every scrape.</summary>
    public void SetPool(PoolStats stats, int interfaces)
    {
        _addresses.WithLabels("total").Set(stats.Total);
        _addresses.WithLabels("assigned").Set(stats.Assigned);
        _addresses.WithLabels("available").Set(stats.Available);
        _addresses.WithLabels("cooling").Set(stats.Cooling);
        _interfaces.Set(interfaces);
    }
}
