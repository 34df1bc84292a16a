using System.Net;

namespace Cloudnet.Dataplane.Conntrack;

/// <summary>
/// The kernel's connection tracking table of one network namespace (the one the implementation
/// was opened in).
/// </summary>
public interface IConntrack
{
    /// <summary>
    /// Deletes every entry, IPv4 and IPv6, whose original or reply tuple has one of
    /// <paramref name="addresses"/> as source or destination (what <c>conntrack -D -s A</c>,
    /// <c>-d A</c>, <c>--reply-src A</c> and <c>--reply-dst A</c> do together).
    /// </summary>
    /// <returns>Counts, refused deletes, or why the kernel offers no conntrack table to flush.</returns>
    /// <exception cref="Netlink.NetlinkException">The table could not be read; the message names the addresses.</exception>
    ConntrackFlushResult DeleteByAddresses(IReadOnlyCollection<IPAddress> addresses);

    /// <summary>Every entry of the namespace (empty when the kernel has no ctnetlink).</summary>
    /// <exception cref="Netlink.NetlinkException">The table could not be read.</exception>
    IReadOnlyList<ConntrackEntry> List();
}
