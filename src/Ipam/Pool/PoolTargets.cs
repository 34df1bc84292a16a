namespace Cloudnet.Ipam.Pool;

/// <summary>
/// Warm-pool targets. Names and meaning follow AWS VPC CNI where they match
/// (WARM_ENI_TARGET, WARM_IP_TARGET, MINIMUM_IP_TARGET, WARM_PREFIX_TARGET, MAX_ENI).
/// A value of 0 means "not set" except for <see cref="WarmEniTarget"/>.
/// </summary>
public sealed record PoolTargets
{
    /// <summary>Whole free interfaces' worth of addresses to keep warm. Default 1. Ignored when
    /// <see cref="WarmIPTarget"/> or <see cref="MinimumIPTarget"/> is set.</summary>
    public int WarmEniTarget { get; init; } = 1;

    /// <summary>How long a surplus must last before addresses, prefixes or interfaces are given back
    /// (<see cref="Planning.ReleaseHysteresis"/>). Default zero: at once.</summary>
    public TimeSpan ReleaseDelay { get; init; }

    /// <summary>The longest <see cref="ReleaseDelay"/> may grow to when releases turn out premature
    /// (<see cref="Planning.ReleaseHysteresis"/>). Default zero: it does not grow.</summary>
    public TimeSpan MaxReleaseDelay { get; init; }

    /// <summary>Free addresses to keep warm; 0 = not set.</summary>
    public int WarmIPTarget { get; init; }

    /// <summary>Addresses to hold in total whatever the demand; 0 = not set.</summary>
    public int MinimumIPTarget { get; init; }

    /// <summary>Free prefixes to keep warm in prefix-delegation mode; 0 = not set.</summary>
    public int WarmPrefixTarget { get; init; }

    /// <summary>Interfaces the node may use, including the primary; 0 = the provider's limit.</summary>
    public int MaxEni { get; init; }

    /// <summary>Pods the node may run; the pool never grows beyond what they can use. 0 = no cap.</summary>
    public int MaxPods { get; init; }

    /// <summary>Take /28 prefixes instead of single addresses (ENABLE_PREFIX_DELEGATION).</summary>
    public bool PrefixDelegation { get; init; }
}
