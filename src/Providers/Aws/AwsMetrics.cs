using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Cloudnet.Providers.Aws;

/// <summary>
/// The provider's counters: instruments on the meter "Cloudnet.Providers.Aws" for any
/// System.Diagnostics.Metrics listener, and the same values as plain totals (<see cref="Ec2Calls"/>,
/// <see cref="PrefixFallbacks"/>, …) that the daemon copies into its Prometheus registry at scrape
/// time and that tests and benchmarks read directly.
/// </summary>
public sealed class AwsMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Cloudnet.Providers.Aws";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _prefixFallbackCounter;
    private readonly Counter<long> _leaksDeletedCounter;
    private readonly ConcurrentDictionary<(string Action, string Outcome), long> _callTotals = new();
    private int _maxPods;
    private long _prefixFallbacks;
    private long _leaksDeleted;

    /// <summary>Creates the meter (from <paramref name="meterFactory"/> when given).</summary>
    public AwsMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = _meter.CreateCounter<long>("cloudnet_aws_ec2_calls_total", description: "EC2 API attempts by action and outcome (ok, throttled, transient, error).");
        _prefixFallbackCounter = _meter.CreateCounter<long>("cloudnet_aws_prefix_insufficient_cidr_total", description: "Prefix assignments refused with InsufficientCidrBlocks (the daemon falls back to single addresses).");
        _leaksDeletedCounter = _meter.CreateCounter<long>("cloudnet_aws_leaked_enis_deleted_total", description: "Leaked ENIs deleted by the sweep.");
        _meter.CreateObservableGauge("cloudnet_aws_max_pods", () => Volatile.Read(ref _maxPods), description: "Pods the node can hold, computed as AWS does for the current mode.");
    }

    /// <summary>EC2 attempts so far by (action, outcome).</summary>
    public IReadOnlyDictionary<(string Action, string Outcome), long> Ec2Calls => new Dictionary<(string, string), long>(_callTotals);

    /// <summary>EC2 attempts so far, all actions and outcomes.</summary>
    public long Ec2CallsTotal => _callTotals.Values.Sum();

    /// <summary>InsufficientCidrBlocks refusals so far.</summary>
    public long PrefixFallbacks => Interlocked.Read(ref _prefixFallbacks);

    /// <summary>Leaked ENIs deleted so far.</summary>
    public long LeakedEnisDeleted => Interlocked.Read(ref _leaksDeleted);

    /// <summary>The last published max pods (0 until known).</summary>
    public int MaxPods => Volatile.Read(ref _maxPods);

    /// <summary>The meter, for listeners in tests.</summary>
    public Meter Meter => _meter;

    /// <summary>Counts one EC2 attempt.</summary>
    public void Call(string action, string outcome)
    {
        _callTotals.AddOrUpdate((action, outcome), 1, static (_, n) => n + 1);
        _calls.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Counts one InsufficientCidrBlocks refusal.</summary>
    public void PrefixFallback()
    {
        Interlocked.Increment(ref _prefixFallbacks);
        _prefixFallbackCounter.Add(1);
    }

    /// <summary>Counts deleted leaked ENIs.</summary>
    public void LeaksDeleted(int count)
    {
        Interlocked.Add(ref _leaksDeleted, count);
        _leaksDeletedCounter.Add(count);
    }

    /// <summary>Publishes the node's max pods.</summary>
    public void SetMaxPods(int maxPods) => Volatile.Write(ref _maxPods, maxPods);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
