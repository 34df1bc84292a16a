namespace Cloudnet.Bench.Fleet;

/// <summary>How one simulated node's start went.</summary>
/// <param name="InstanceId">The node's instance.</param>
/// <param name="ReadyAfter">Time from the fleet's start instant until the node's warm pool was ready; null if it never was before the deadline.</param>
/// <param name="Restarts">Times the daemon exited on a failed start-up and was restarted (CrashLoopBackOff).</param>
/// <param name="LastError">The last start-up error, if any.</param>
public sealed record NodeOutcome(string InstanceId, TimeSpan? ReadyAfter, int Restarts, string? LastError);
