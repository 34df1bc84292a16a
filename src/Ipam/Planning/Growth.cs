namespace Cloudnet.Ipam.Planning;

/// <summary>
/// Growing the pool: fill the interfaces that have room, primary and lowest index first, and only
/// then create one interface (the next plan fills it, after the reconciler has resynced).
/// </summary>
internal static class Growth
{
    /// <summary>Plans up to <paramref name="needed"/> more secondary addresses.</summary>
    /// <param name="wholeInterfaces">Top every interface used up to its capacity (WARM_ENI_TARGET's
    /// unit is a whole interface; one cloud call per interface instead of one per pod).</param>
    /// <returns>What stopped the growth short, or null when nothing did.</returns>
    public static string? Addresses(PoolView pool, PlanBuilder plan, int needed, bool wholeInterfaces)
    {
        var room = pool.GrowthRoom;
        needed = Math.Min(needed, room);
        var given = 0;
        foreach (var nic in pool.Usable)
        {
            if (given >= needed)
            {
                break;
            }

            var count = Math.Min(pool.AddressRoom(nic), room - given);
            if (!wholeInterfaces)
            {
                count = Math.Min(count, needed - given);
            }

            if (count > 0)
            {
                plan.AssignAddresses(nic.Id, count);
                given += count;
            }
        }

        return Finish(pool, plan, needed - Math.Min(given, needed), "address", "addresses", pool.Limits.AddressesPerInterface);
    }

    /// <summary>Plans <paramref name="needed"/> more prefixes (callers have already capped it by MaxPods).</summary>
    /// <returns>What stopped the growth short, or null when nothing did.</returns>
    public static string? Prefixes(PoolView pool, PlanBuilder plan, int needed)
    {
        var given = 0;
        foreach (var nic in pool.Usable)
        {
            if (given >= needed)
            {
                break;
            }

            var count = Math.Min(pool.PrefixRoom(nic), needed - given);
            if (count > 0)
            {
                plan.AssignPrefixes(nic.Id, count);
                given += count;
            }
        }

        return Finish(pool, plan, needed - given, "prefix", "prefixes", pool.Limits.PrefixesPerInterface);
    }

    private static string? Finish(PoolView pool, PlanBuilder plan, int missing, string one, string many, int perInterface)
    {
        if (missing <= 0)
        {
            return null;
        }

        string limit;
        if (perInterface <= 0)
        {
            limit = PlanBuilder.Text($"interfaces hold no {many}");
        }
        else if (pool.CanCreateInterface)
        {
            plan.CreateInterface();
            return null;
        }
        else
        {
            limit = pool.InterfaceLimitText;
        }

        return plan.IsEmpty
            ? limit + "; cannot grow"
            : PlanBuilder.Text($"{limit}; still short by {PlanBuilder.Count(missing, one, many)}");
    }
}
