namespace Cloudnet.Ipam.Planning;

/// <summary>
/// Growing the pool: fill the interfaces that have room, primary and lowest index first, and only
/// then create one interface, filled at creation with what is still missing (a whole interface's
/// worth under WARM_ENI_TARGET), as EC2 allows in one CreateNetworkInterface call.
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

        var missing = needed - Math.Min(given, needed);
        var fill = (int)Math.Min(pool.Limits.AddressesPerInterface, wholeInterfaces ? (long)room - given : missing);
        return Finish(pool, plan, missing, "address", "addresses", pool.Limits.AddressesPerInterface, fill, 0);
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

        var missing = needed - given;
        return Finish(pool, plan, missing, "prefix", "prefixes", pool.Limits.PrefixesPerInterface, 0, Math.Min(pool.Limits.PrefixesPerInterface, missing));
    }

    private static string? Finish(PoolView pool, PlanBuilder plan, int missing, string one, string many, int perInterface, int fillAddresses, int fillPrefixes)
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
            plan.CreateInterface(Math.Max(fillAddresses, 0), Math.Max(fillPrefixes, 0));
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
