namespace Cloudnet.Dataplane.Conntrack;

/// <summary>
/// What a flush of some addresses' conntrack entries did. Entries that vanished between the
/// dump and their delete (expired, or removed by someone else) are expected and counted apart;
/// deletes the kernel refused are listed, each naming the entry, the address and the errno.
/// </summary>
/// <param name="Deleted">Entries deleted.</param>
/// <param name="AlreadyGone">Matching entries that were gone by the time of their delete (ENOENT).</param>
/// <param name="Failures">Deletes the kernel refused.</param>
/// <param name="UnavailableReason">Why nothing could be flushed because the kernel has no conntrack
/// netlink interface in this namespace; null when it has.</param>
public sealed record ConntrackFlushResult(int Deleted, int AlreadyGone, IReadOnlyList<ConntrackDeleteFailure> Failures, string? UnavailableReason)
{
    /// <summary>True when the kernel offers ctnetlink (whether or not any entry matched).</summary>
    public bool Available => UnavailableReason is null;

    /// <summary>A result for a kernel without ctnetlink: nothing deleted, <paramref name="reason"/> says why.</summary>
    public static ConntrackFlushResult Unavailable(string reason) => new(0, 0, [], reason);
}
