using System.Text;

namespace Cloudnet.Ipam.Planning;

/// <summary>
/// WARM_IP_TARGET and MINIMUM_IP_TARGET arithmetic, in addresses, as aws-node's ipamd does it
/// (datastoreTargetState), with two changes: free excludes cooling addresses, and waiting ADDs
/// add to the warm target. Both targets are capped by MaxPods, and the excess is computed from the
/// same capped targets as the shortage, so growing to the targets never makes an excess and
/// shrinking to them never makes a shortage.
/// </summary>
internal readonly record struct AddressTargets(
    int WantFree, int WantTotal, int ShortFree, int ShortTotal, int Excess, bool CappedByMaxPods, string Context)
{
    /// <summary>Addresses to add: the larger of the free and the total shortfall.</summary>
    public int Shortage => Math.Max(Math.Max(ShortFree, ShortTotal), 0);

    /// <summary>"short by 5 free addresses (warm ip target 10, free 5)".</summary>
    public string ShortReason => ShortFree >= ShortTotal
        ? PlanBuilder.Text($"short by {PlanBuilder.Count(Shortage, "free address", "free addresses")} ({Context})")
        : PlanBuilder.Text($"short by {PlanBuilder.Count(Shortage, "address", "addresses")} of the minimum ({Context})");

    public static AddressTargets Of(PoolView pool)
    {
        var t = pool.Targets;
        var wantedFree = (long)t.WarmIPTarget + pool.Pending;
        var wantFree = (int)Math.Min(wantedFree, pool.FreeCap);
        var wantTotal = Math.Min(t.MinimumIPTarget, pool.TotalCap);
        var excess = Math.Max(Math.Min(pool.Free - wantFree, pool.Total - wantTotal), 0);
        var capped = wantedFree > wantFree || t.MinimumIPTarget > wantTotal;
        return new AddressTargets(wantFree, wantTotal, wantFree - pool.Free, wantTotal - pool.Total, excess, capped, Describe(pool));
    }

    private static string Describe(PoolView pool)
    {
        var t = pool.Targets;
        var text = new StringBuilder();
        Append(text, "warm ip target", t.WarmIPTarget);
        Append(text, "minimum ip target", t.MinimumIPTarget);
        Append(text, "pending", pool.Pending);
        Append(text, "free", pool.Free, always: true);
        if (t.MinimumIPTarget > 0)
        {
            Append(text, "total", pool.Total, always: true);
        }

        Append(text, "max pods", t.MaxPods);
        return text.ToString();
    }

    internal static void Append(StringBuilder text, string name, long value, bool always = false)
    {
        if (value > 0 || always)
        {
            text.Append(text.Length > 0 ? ", " : string.Empty).Append(name).Append(' ')
                .Append(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
