namespace Cloudnet.Bench.Fleet;

/// <summary>The numbers the report prints for one side, computed from its <see cref="FleetSideResult"/>.</summary>
public sealed record FleetSummary
{
    /// <summary>Side name.</summary>
    public required string Name { get; init; }

    /// <summary>Simulated nodes.</summary>
    public required int Nodes { get; init; }

    /// <summary>EC2 calls, throttled ones included.</summary>
    public required long Calls { get; init; }

    /// <summary>Calls answered RequestLimitExceeded.</summary>
    public required long Throttled { get; init; }

    /// <summary>Calls per node.</summary>
    public double CallsPerNode => Nodes == 0 ? 0 : (double)Calls / Nodes;

    /// <summary>Median time to a warm pool; null when the median node was never ready.</summary>
    public TimeSpan? ReadyP50 { get; init; }

    /// <summary>95th percentile time to a warm pool; null when that node was never ready.</summary>
    public TimeSpan? ReadyP95 { get; init; }

    /// <summary>Time until every node was ready; null when one never was.</summary>
    public TimeSpan? ReadyMax { get; init; }

    /// <summary>Nodes without a warm pool at the deadline.</summary>
    public required int NotReady { get; init; }

    /// <summary>Daemon restarts after a failed start-up, over all nodes.</summary>
    public required int Restarts { get; init; }

    /// <summary>Nodes that restarted at least once.</summary>
    public required int NodesRestarted { get; init; }

    /// <summary>Most EC2 calls the emulator received in one second.</summary>
    public required long PeakPerSecond { get; init; }

    /// <summary>Most throttled calls in one second.</summary>
    public required long PeakThrottledPerSecond { get; init; }

    /// <summary>Calls per action, "Action calls (throttled)".</summary>
    public required string ByAction { get; init; }

    /// <summary>Summarises <paramref name="result"/>.</summary>
    public static FleetSummary Of(FleetSideResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ready = result.Nodes.Select(n => n.ReadyAfter).ToList();
        return new FleetSummary
        {
            Name = result.Name,
            Nodes = result.Nodes.Count,
            Calls = result.Calls.Total,
            Throttled = result.Calls.Actions.Values.Sum(a => a.Throttled),
            ReadyP50 = Percentile.Of(ready, 50),
            ReadyP95 = Percentile.Of(ready, 95),
            ReadyMax = Percentile.Of(ready, 100),
            NotReady = ready.Count(r => r is null),
            Restarts = result.Nodes.Sum(n => n.Restarts),
            NodesRestarted = result.Nodes.Count(n => n.Restarts > 0),
            PeakPerSecond = result.Peak.Calls,
            PeakThrottledPerSecond = result.Peak.Throttled,
            ByAction = string.Join(", ", result.Calls.Actions.Select(a => a.Value.Throttled > 0
                ? $"{a.Key} {a.Value.Calls} ({a.Value.Throttled} throttled)"
                : $"{a.Key} {a.Value.Calls}")),
        };
    }
}
