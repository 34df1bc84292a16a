using System.Globalization;
using Cloudnet.Contract.Introspection;
using Cloudnet.Ctl.Introspection;
using Cloudnet.Ctl.Output;

namespace Cloudnet.Ctl.Commands;

/// <summary>`status` and `pool`: readiness, totals, and the per-interface table.</summary>
public static class StatusCommand
{
    /// <summary>Readiness and totals.</summary>
    public static string Status(PoolView pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var lines = new List<string>
        {
            $"provider:       {pool.Provider}" + (pool.NodeId is null ? "" : $" (node {pool.NodeId})"),
            $"ready:          {YesNo(pool.Ready)}",
            $"can serve ADD:  {YesNo(pool.CanServeAdd)}" + (pool.Reason.Length > 0 ? $" ({pool.Reason})" : ""),
            string.Create(CultureInfo.InvariantCulture, $"addresses:      {pool.Total} total, {pool.Assigned} assigned, {pool.Available} available, {pool.Cooling} cooling"),
            string.Create(CultureInfo.InvariantCulture, $"interfaces:     {pool.Interfaces.Count}"),
        };
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"release delay:  {pool.ReleaseDelaySeconds:0} s")
            + (pool.ReleaseDueAt is { } due ? string.Create(CultureInfo.InvariantCulture, $" (surplus held until {due.UtcDateTime:HH:mm:ss} UTC)") : ""));
        if (pool.PendingAdds > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"waiting ADDs:   {pool.PendingAdds}"));
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>One row per interface.</summary>
    public static string Pool(PoolView pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var table = new Table("INTERFACE", "KIND", "DEVICE", "PRIMARY", "ADDRESSES", "PREFIXES", "ASSIGNED", "COOLING");
        foreach (var i in pool.Interfaces)
        {
            table.Add(i.Id, i.Kind, Text(i.DeviceIndex), YesNo(i.IsPrimary), Text(i.Addresses), Text(i.Prefixes), Text(i.Assigned), Text(i.Cooling));
        }

        return table + string.Create(CultureInfo.InvariantCulture, $"total {pool.Total}, assigned {pool.Assigned}, available {pool.Available}, cooling {pool.Cooling}\n");
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
