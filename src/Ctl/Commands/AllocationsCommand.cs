using Cloudnet.Contract.Introspection;
using Cloudnet.Ctl.Introspection;
using Cloudnet.Ctl.Output;

namespace Cloudnet.Ctl.Commands;

/// <summary>`allocations` and `leaks`.</summary>
public static class AllocationsCommand
{
    /// <summary>One row per allocation, oldest first.</summary>
    public static string Allocations(IReadOnlyList<AllocationView> allocations)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        var table = new Table("NETWORK", "CONTAINER", "IFNAME", "ADDRESS", "INTERFACE", "POD", "ALLOCATED");
        foreach (var a in allocations.OrderBy(a => a.AllocatedAt))
        {
            table.Add(a.Network, Short(a.ContainerId), a.IfName, a.Address, a.InterfaceId, Pod(a), a.AllocatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        }

        return table.Count == 0 ? "no allocations\n" : table.ToString();
    }

    /// <summary>Allocations whose pod network namespace is gone (per <paramref name="isGone"/>).</summary>
    public static (string Text, int Leaks) Leaks(IReadOnlyList<AllocationView> allocations, Func<string?, bool> isGone)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        ArgumentNullException.ThrowIfNull(isGone);
        var leaked = allocations.Where(a => isGone(a.Netns)).ToList();
        if (leaked.Count == 0)
        {
            return ($"no leaks: all {allocations.Count} allocation(s) have a live network namespace (or one this host cannot see)\n", 0);
        }

        var table = new Table("NETWORK", "CONTAINER", "IFNAME", "ADDRESS", "POD", "NETNS");
        foreach (var a in leaked)
        {
            table.Add(a.Network, Short(a.ContainerId), a.IfName, a.Address, Pod(a), a.Netns);
        }

        return (table + $"{leaked.Count} leaked allocation(s): their network namespace is gone; the daemon releases them at its next start, or CNI GC does\n", leaked.Count);
    }

    private static string Pod(AllocationView a) => a.PodName is null ? "-" : $"{a.PodNamespace ?? "-"}/{a.PodName}";

    private static string Short(string containerId) => containerId.Length > 12 ? containerId[..12] : containerId;
}
