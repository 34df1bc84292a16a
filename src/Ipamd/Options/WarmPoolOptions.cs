using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.Options;

/// <summary>
/// Warm-pool targets, with AWS VPC CNI's names and meaning. The initialisers are the defaults;
/// 0 means "not set" for every value except <see cref="WarmEniTarget"/>.
/// </summary>
public sealed class WarmPoolOptions
{
    /// <summary>WARM_ENI_TARGET: whole free interfaces' worth of addresses to keep warm. Default 1.</summary>
    public int WarmEniTarget { get; set; } = 1;

    /// <summary>WARM_IP_TARGET: free addresses to keep warm. Default 0 (not set).</summary>
    public int WarmIPTarget { get; set; }

    /// <summary>MINIMUM_IP_TARGET: addresses to hold whatever the demand. Default 0 (not set).</summary>
    public int MinimumIPTarget { get; set; }

    /// <summary>WARM_PREFIX_TARGET: free prefixes to keep warm in prefix mode. Default 0 (not set).</summary>
    public int WarmPrefixTarget { get; set; }

    /// <summary>MAX_ENI: interfaces the node may use, including the primary. Default 0 (the provider's limit).</summary>
    public int MaxEni { get; set; }

    /// <summary>MAX_PODS / CLOUDNET_MAX_PODS: pods the node may run. Default 0 (no cap).</summary>
    public int MaxPods { get; set; }

    /// <summary>ENABLE_PREFIX_DELEGATION: take /28 prefixes instead of single addresses. Default false.</summary>
    public bool PrefixDelegation { get; set; }

    /// <summary>CLOUDNET_RELEASE_DELAY: how long a surplus must last before it is given back to the
    /// cloud, so pods that come back within it cost no EC2 call. Default 5 minutes; 0 releases at once.</summary>
    public TimeSpan ReleaseDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>CLOUDNET_RELEASE_DELAY_MAX: the longest the release delay grows to when the pool had to
    /// grow again soon after a release (each such release doubles it; each release that holds halves it
    /// back). Default 30 minutes, or <see cref="ReleaseDelay"/> when that is longer; equal to
    /// <see cref="ReleaseDelay"/>, the delay never changes.</summary>
    public TimeSpan MaxReleaseDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The planner's view of these options.</summary>
    public PoolTargets ToTargets() => new()
    {
        WarmEniTarget = WarmEniTarget,
        WarmIPTarget = WarmIPTarget,
        MinimumIPTarget = MinimumIPTarget,
        WarmPrefixTarget = WarmPrefixTarget,
        MaxEni = MaxEni,
        MaxPods = MaxPods,
        PrefixDelegation = PrefixDelegation,
        ReleaseDelay = ReleaseDelay,
        MaxReleaseDelay = MaxReleaseDelay,
    };
}
