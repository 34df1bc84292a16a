namespace Cloudnet.Bench.Fleet;

/// <summary>One simulated node of a side: starts at the fleet's start instant, reports when its warm pool is ready.</summary>
public interface IFleetNode : IAsyncDisposable
{
    /// <summary>The node's instance.</summary>
    string InstanceId { get; }

    /// <summary>Boots at <paramref name="origin"/> (a Stopwatch timestamp) and returns once the warm pool is ready
    /// or <paramref name="deadline"/> after the origin has passed. The node keeps running (as a daemon would) until disposed.</summary>
    Task<NodeOutcome> RunAsync(long origin, TimeSpan deadline, CancellationToken cancellationToken);
}
