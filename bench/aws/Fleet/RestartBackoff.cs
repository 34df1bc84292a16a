namespace Cloudnet.Bench.Fleet;

/// <summary>
/// The kubelet's CrashLoopBackOff: a container that exits is restarted after 10 s, doubling per
/// restart up to 5 minutes. Both sides' simulated daemons exit when their start-up fails (aws-node's
/// nodeInit error, cloudnet-ipamd's DaemonStartException) and come back after this delay.
/// </summary>
public static class RestartBackoff
{
    /// <summary>First restart delay.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);

    /// <summary>Longest restart delay.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    /// <summary>Delay before restart number <paramref name="restart"/> (1 = the first).</summary>
    public static TimeSpan Before(int restart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restart, 1);
        var delay = Initial * Math.Pow(2, Math.Min(restart - 1, 16));
        return delay > Max ? Max : delay;
    }
}
