using System.Text;

namespace Cloudnet.Ipam.Planning;

/// <summary>Prefix-delegation mode: the unit is a prefix of <see cref="PoolView.AddressesPerPrefix"/> addresses.</summary>
internal static class PrefixPlanner
{
    public static PoolPlan Plan(PoolView pool) =>
        pool.Targets.WarmIPTarget > 0 || pool.Targets.MinimumIPTarget > 0 ? ByAddressTargets(pool) : ByWarmPrefixes(pool);

    /// <summary>WARM_IP_TARGET / MINIMUM_IP_TARGET in addresses: shortfalls rounded up to whole
    /// prefixes, surpluses rounded down (so a rounded-up grow never turns into a release).</summary>
    private static PoolPlan ByAddressTargets(PoolView pool)
    {
        var perPrefix = pool.AddressesPerPrefix;
        var targets = AddressTargets.Of(pool);
        var plan = new PlanBuilder();
        if (targets.Shortage > 0)
        {
            var needed = DivCeil(targets.Shortage, perPrefix);
            var outcome = Growth.Prefixes(pool, plan, needed);
            return plan.Build(targets.ShortReason, outcome);
        }

        var excess = targets.Excess / perPrefix;
        if (excess > 0)
        {
            Shrink.Prefixes(pool, plan, excess);
        }

        Shrink.EmptyInterfaces(pool, plan);
        return plan.Settled(excess, "prefix", "prefixes", targets.Context, targets.CappedByMaxPods);
    }

    /// <summary>
    /// WARM_PREFIX_TARGET (default 1): whole unused prefixes to keep. A prefix with one address in
    /// use no longer counts, as in aws-node. Waiting ADDs first take the free addresses of partly
    /// used prefixes, then whole prefixes, which are added on top of the target.
    /// </summary>
    private static PoolPlan ByWarmPrefixes(PoolView pool)
    {
        var perPrefix = pool.AddressesPerPrefix;
        var warm = pool.Targets.WarmPrefixTarget > 0 ? pool.Targets.WarmPrefixTarget : 1;
        var unused = pool.Usable.Sum(n => PoolView.PrefixesOf(n).Count(p => p.IsUnused));
        var partlyFree = pool.Free - (unused * perPrefix);
        var wanted = (long)warm + DivCeil(Math.Max(pool.Pending - partlyFree, 0), perPrefix);
        var want = wanted;
        if (pool.Targets.MaxPods > 0)
        {
            // Whole prefixes the pods that MaxPods still allows could use; rounded up so the last
            // pod gets an address (the pool may exceed MaxPods by less than one prefix).
            want = Math.Min(want, DivCeil(Math.Max(pool.FreeCap - partlyFree, 0), perPrefix));
        }

        var context = new StringBuilder(PlanBuilder.Text($"warm prefix target {warm}"));
        AddressTargets.Append(context, "pending", pool.Pending);
        AddressTargets.Append(context, "unused prefixes", unused, always: true);
        AddressTargets.Append(context, "max pods", pool.Targets.MaxPods);

        var plan = new PlanBuilder();
        var shortage = (int)want - unused;
        if (shortage > 0)
        {
            var outcome = Growth.Prefixes(pool, plan, shortage);
            return plan.Build(PlanBuilder.Text($"short by {PlanBuilder.Count(shortage, "unused prefix", "unused prefixes")} ({context})"), outcome);
        }

        var excess = unused - (int)want;
        if (excess > 0)
        {
            Shrink.Prefixes(pool, plan, excess);
        }

        Shrink.EmptyInterfaces(pool, plan);
        return plan.Settled(excess, "prefix", "prefixes", context.ToString(), wanted > want);
    }

    private static int DivCeil(int value, int divisor) => (int)(((long)value + divisor - 1) / divisor);
}
