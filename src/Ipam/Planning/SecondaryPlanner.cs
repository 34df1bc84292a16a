using System.Text;

namespace Cloudnet.Ipam.Planning;

/// <summary>Secondary-address mode (prefix delegation off): the unit is one address.</summary>
internal static class SecondaryPlanner
{
    /// <summary>WARM_IP_TARGET / MINIMUM_IP_TARGET: exact shortfalls, surplus free addresses released.</summary>
    public static PoolPlan ByAddressTargets(PoolView pool)
    {
        var targets = AddressTargets.Of(pool);
        var plan = new PlanBuilder();
        if (targets.Shortage > 0)
        {
            var outcome = Growth.Addresses(pool, plan, targets.Shortage, wholeInterfaces: false);
            return plan.Build(targets.ShortReason, outcome);
        }

        if (targets.Excess > 0)
        {
            Shrink.Addresses(pool, plan, targets.Excess);
        }

        Shrink.EmptyInterfaces(pool, plan);
        return plan.Settled(targets.Excess, "address", "addresses", targets.Context, targets.CappedByMaxPods);
    }

    /// <summary>
    /// WARM_ENI_TARGET: keep that many interfaces' worth of free addresses, filling interfaces to
    /// capacity before creating one, and delete interfaces nobody uses once the node has plenty.
    /// </summary>
    public static PoolPlan ByWarmInterfaces(PoolView pool)
    {
        var t = pool.Targets;
        var perInterface = pool.Limits.AddressesPerInterface;
        var wanted = ((long)t.WarmEniTarget * perInterface) + pool.Pending;
        var goal = (int)Math.Min(wanted, pool.FreeCap);
        var context = new StringBuilder(PlanBuilder.Text($"warm eni target {t.WarmEniTarget} x {perInterface} addresses"));
        AddressTargets.Append(context, "pending", pool.Pending);
        AddressTargets.Append(context, "free", pool.Free, always: true);
        AddressTargets.Append(context, "max pods", t.MaxPods);

        var plan = new PlanBuilder();
        var shortage = goal - pool.Free;
        if (shortage > 0)
        {
            var outcome = Growth.Addresses(pool, plan, shortage, wholeInterfaces: true);
            return plan.Build(PlanBuilder.Text($"short by {PlanBuilder.Count(shortage, "free address", "free addresses")} ({context})"), outcome);
        }

        Shrink.WholeInterfaces(pool, plan, goal);
        Shrink.EmptyInterfaces(pool, plan);
        return plan.Settled(plan.IsEmpty ? 0 : pool.Free - goal, "address", "addresses", context.ToString(), wanted > goal);
    }
}
