using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipam.Spool;
using Cloudnet.Ipamd.Logging;
using Cloudnet.Ipamd.Node;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>
/// Applies the releases the CNI binary spooled while the daemon was unreachable. Two steps so
/// a file is removed only after the release is durable: <see cref="Apply"/> releases in memory,
/// the caller persists the checkpoint, then <see cref="Complete"/> removes the files.
/// Unreadable files are renamed to *.corrupt (kept for inspection, never read again).
/// </summary>
public sealed partial class SpoolDrain(ReleaseSpool spool, ILogger<SpoolDrain> logger, ConntrackFlusher? conntrack = null)
{
    private readonly ILogger _logger = logger;

    /// <summary>Releases every spooled attachment; returns the files to remove once persisted.</summary>
    public IReadOnlyList<string> Apply(Datastore datastore)
    {
        ArgumentNullException.ThrowIfNull(datastore);
        var handled = new List<string>();
        foreach (var entry in spool.Read())
        {
            if (entry.Release is not { } release)
            {
                LogCorrupt(entry.Path, entry.Error ?? "unreadable");
                TryRename(entry.Path, entry.Path + ".corrupt");
                continue;
            }

            var key = new AllocationKey(release.NetworkName, release.ContainerId, release.IfName);
            var released = datastore.Release(key);
            if (released is not null)
            {
                conntrack?.Enqueue(released.Address);
            }

            LogApplied(key.ToString(), released?.Address.ToString() ?? "none", release.SpooledAt);
            handled.Add(entry.Path);
        }

        return handled;
    }

    /// <summary>Removes handled files; call after the checkpoint holding their releases is durable.</summary>
    public void Complete(IReadOnlyList<string> handled)
    {
        ArgumentNullException.ThrowIfNull(handled);
        foreach (var path in handled)
        {
            spool.Remove(path);
        }
    }

    private static void TryRename(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (IOException)
        {
            // Left in place: it is reported again at the next start.
        }
    }

    [LoggerMessage(EventIds.SpooledReleaseApplied, LogLevel.Information, "Applied spooled release of {Key} (address {Address}, spooled at {SpooledAt})")]
    private partial void LogApplied(string key, string address, DateTimeOffset spooledAt);

    [LoggerMessage(EventIds.SpoolFileCorrupt, LogLevel.Warning, "Spool file {Path} cannot be used: {Error}; renamed to *.corrupt")]
    private partial void LogCorrupt(string path, string error);
}
