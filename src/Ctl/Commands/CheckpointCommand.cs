using System.Globalization;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ctl.Output;

namespace Cloudnet.Ctl.Commands;

/// <summary>`checkpoint PATH`: validates a checkpoint file with the daemon's own reader and prints it.</summary>
public static class CheckpointCommand
{
    /// <summary>The summary and tables; throws <see cref="CtlException"/> when the file is unusable.</summary>
    public static async Task<string> RunAsync(string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CtlException($"checkpoint {path}: no such file");
        }

        CheckpointData data;
        try
        {
            using var store = new JournaledCheckpointStore(path);
            data = await store.LoadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new CtlException($"checkpoint {path}: no such file");
        }
        catch (CheckpointException ex)
        {
            throw new CtlException($"checkpoint {path} is not valid: {ex.Message}", ex);
        }

        return Render(path, data, now);
    }

    /// <summary>Prints a loaded checkpoint.</summary>
    public static string Render(string path, CheckpointData data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        var duplicates = data.Allocations.GroupBy(a => a.Address).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var text = string.Create(CultureInfo.InvariantCulture,
            $"checkpoint {path}: valid, format {data.Version}, {data.Allocations.Count} allocation(s), {data.Cooling.Count} cooling address(es)\n");
        if (duplicates.Count > 0)
        {
            text += $"WARNING: addresses held by more than one attachment: {string.Join(", ", duplicates)}\n";
        }

        var allocations = new Table("NETWORK", "CONTAINER", "IFNAME", "ADDRESS", "INTERFACE", "POD", "NETNS");
        foreach (var a in data.Allocations.OrderBy(a => a.AllocatedAt))
        {
            allocations.Add(a.NetworkName, a.ContainerId, a.IfName, a.Address, a.InterfaceId,
                a.PodName is null ? "-" : $"{a.PodNamespace ?? "-"}/{a.PodName}", a.Netns);
        }

        var cooling = new Table("ADDRESS", "INTERFACE", "REUSABLE IN");
        foreach (var c in data.Cooling.OrderBy(c => c.Until))
        {
            var left = c.Until - now;
            cooling.Add(c.Address, c.InterfaceId, left > TimeSpan.Zero ? $"{Math.Ceiling(left.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s" : "now");
        }

        return text
            + (allocations.Count > 0 ? "\n" + allocations : "")
            + (cooling.Count > 0 ? "\n" + cooling : "");
    }
}
