using System.Diagnostics.Metrics;

namespace Cloudnet.Providers.Aws;

/// <summary>
/// The provider's instruments on the meter "Cloudnet.Providers.Aws" (exported by the daemon's
/// Prometheus endpoint with the cloudnet_ prefix names given here).
/// </summary>
public sealed class AwsMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Cloudnet.Providers.Aws";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _prefixFallbacks;
    private readonly Counter<long> _leaksDeleted;
    private int _maxPods;

    /// <summary>Creates the meter (from <paramref name="meterFactory"/> when given).</summary>
    public AwsMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("cloudnet_aws_ec2_calls_total", description: "EC2 API attempts by action and outcome (ok, throttled, transient, error).");
        _prefixFallbacks = _meter.CreateCounter<long>("cloudnet_aws_prefix_insufficient_cidr_total", description: "Prefix assignments refused with InsufficientCidrBlocks (the daemon falls back to single addresses).");
        _leaksDeleted = _meter.CreateCounter<long>("cloudnet_aws_leaked_enis_deleted_total", description: "Leaked ENIs deleted by the sweep.");
        _meter.CreateObservableGauge("cloudnet_aws_max_pods", () => Volatile.Read(ref _maxPods), description: "Pods the node can hold, computed as AWS does for the current mode.");
    }

    /// <summary>The meter, for listeners in tests.</summary>
    public Meter Meter => _meter;

    /// <summary>Counts one EC2 attempt.</summary>
    public void Call(string action, string outcome) =>
        _calls.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts one InsufficientCidrBlocks refusal.</summary>
    public void PrefixFallback() => _prefixFallbacks.Add(1);

    /// <summary>Counts deleted leaked ENIs.</summary>
    public void LeaksDeleted(int count) => _leaksDeleted.Add(count);

    /// <summary>Publishes the node's max pods.</summary>
    public void SetMaxPods(int maxPods) => Volatile.Write(ref _maxPods, maxPods);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
