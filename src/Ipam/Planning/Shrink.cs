namespace Cloudnet.Ipam.Planning;

/// <summary>
/// Shrinking the pool. Only free addresses and unused prefixes are released, and only interfaces
/// without assigned or cooling addresses are deleted; never the primary, never an excluded one.
/// The last interfaces are drained first, so whole interfaces empty out and the primary goes last.
/// </summary>
internal static class Shrink
{
    /// <summary>Releases up to <paramref name="excess"/> free secondary addresses; an interface that
    /// would be left with nothing is deleted instead.</summary>
    public static void Addresses(PoolView pool, PlanBuilder plan, int excess)
    {
        var left = excess;
        for (var i = pool.Usable.Length - 1; i >= 0 && left > 0; i--)
        {
            var nic = pool.Usable[i];
            var free = PoolView.FreeAddressesOf(nic);
            if (PoolView.IsDeletable(nic) && PoolView.PrefixesOf(nic).IsEmpty
                && free.Length == nic.SecondaryAddresses && free.Length <= left)
            {
                plan.DeleteInterface(nic.Id);
                left -= free.Length;
                continue;
            }

            var count = Math.Min(left, free.Length);
            if (count > 0)
            {
                plan.ReleaseAddresses(nic.Id, [.. free.Skip(free.Length - count)]);
                left -= count;
            }
        }
    }

    /// <summary>Releases up to <paramref name="excess"/> unused prefixes; an interface that would be
    /// left with nothing is deleted instead.</summary>
    public static void Prefixes(PoolView pool, PlanBuilder plan, int excess)
    {
        var left = excess;
        for (var i = pool.Usable.Length - 1; i >= 0 && left > 0; i--)
        {
            var nic = pool.Usable[i];
            var prefixes = PoolView.PrefixesOf(nic);
            var unused = prefixes.Where(p => p.IsUnused).Select(p => p.Prefix).ToArray();
            if (PoolView.IsDeletable(nic) && nic.SecondaryAddresses == 0
                && unused.Length == prefixes.Length && unused.Length <= left)
            {
                plan.DeleteInterface(nic.Id);
                left -= unused.Length;
                continue;
            }

            var count = Math.Min(left, unused.Length);
            if (count > 0)
            {
                plan.ReleasePrefixes(nic.Id, unused[^count..]);
                left -= count;
            }
        }
    }

    /// <summary>
    /// WARM_ENI_TARGET's shrink: delete interfaces that hold no assigned or cooling address while
    /// the node keeps <paramref name="goal"/> free addresses without them. Hysteresis: only while the
    /// node holds at least one interface's worth more than the goal, which a fill never leaves behind,
    /// so a fill is never followed by a delete.
    /// </summary>
    public static void WholeInterfaces(PoolView pool, PlanBuilder plan, int goal)
    {
        long free = pool.Free;
        var hysteresis = pool.Limits.AddressesPerInterface;
        for (var i = pool.Usable.Length - 1; i >= 0; i--)
        {
            var nic = pool.Usable[i];
            if (!PoolView.IsDeletable(nic) || PoolView.IsEmpty(nic))
            {
                continue;
            }

            var its = pool.FreeOf(nic);
            if (free >= (long)goal + hysteresis && free - its >= goal)
            {
                plan.DeleteInterface(nic.Id);
                free -= its;
            }
        }
    }

    /// <summary>Deletes interfaces that hold nothing at all: they add no capacity, only use a slot.</summary>
    public static void EmptyInterfaces(PoolView pool, PlanBuilder plan)
    {
        foreach (var nic in pool.Usable)
        {
            if (PoolView.IsEmpty(nic))
            {
                plan.DeleteInterface(nic.Id);
            }
        }
    }
}
