using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Planning;

/// <summary>
/// Pure warm-pool planning: from the pool's state, the targets and the node's limits, what to
/// assign, create or release. No I/O, no clock; the reconciler executes the plan.
/// </summary>
public static class PoolPlanner
{
    /// <summary>Computes the plan that brings <paramref name="state"/> to <paramref name="targets"/> within <paramref name="limits"/>.</summary>
    public static PoolPlan Plan(PoolState state, PoolTargets targets, PoolLimits limits)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(limits);
        throw new NotImplementedException("PoolPlanner.Plan is being implemented");
    }
}
