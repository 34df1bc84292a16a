using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Planning;

/// <summary>
/// Pure warm-pool planning: from the pool's state, the targets and the node's limits, what to
/// assign, create or release. No I/O, no clock; the reconciler executes the plan.
/// </summary>
/// <remarks>
/// Targets mean what aws-node's mean (docs/configuration-pool.md has the details), with the fixes
/// of DESIGN.md: cooling addresses are never counted as free, and waiting ADDs add to the demand.
/// Plans converge: growing to the targets never creates a surplus and releasing down to them never
/// creates a shortage, so re-planning after the plan was executed gives an empty plan.
/// </remarks>
public static class PoolPlanner
{
    /// <summary>Computes the plan that brings <paramref name="state"/> to <paramref name="targets"/> within <paramref name="limits"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A target, limit or the pending count is negative, or a prefix holds no address.</exception>
    public static PoolPlan Plan(PoolState state, PoolTargets targets, PoolLimits limits)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(limits);
        Validate(state, targets, limits);

        var pool = PoolView.Create(state, targets, limits);
        if (targets.PrefixDelegation)
        {
            return PrefixPlanner.Plan(pool);
        }

        // As in aws-node, WARM_IP_TARGET and MINIMUM_IP_TARGET override WARM_ENI_TARGET when set.
        return targets.WarmIPTarget > 0 || targets.MinimumIPTarget > 0
            ? SecondaryPlanner.ByAddressTargets(pool)
            : SecondaryPlanner.ByWarmInterfaces(pool);
    }

    private static void Validate(PoolState state, PoolTargets targets, PoolLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state.PendingAdds);
        ArgumentOutOfRangeException.ThrowIfNegative(targets.WarmEniTarget);
        ArgumentOutOfRangeException.ThrowIfNegative(targets.WarmIPTarget);
        ArgumentOutOfRangeException.ThrowIfNegative(targets.MinimumIPTarget);
        ArgumentOutOfRangeException.ThrowIfNegative(targets.WarmPrefixTarget);
        ArgumentOutOfRangeException.ThrowIfNegative(targets.MaxEni);
        ArgumentOutOfRangeException.ThrowIfNegative(targets.MaxPods);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxInterfaces);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.AddressesPerInterface);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.PrefixesPerInterface);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.AddressesPerPrefix);
    }
}
