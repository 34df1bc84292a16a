using System.Globalization;
using System.Net;

namespace Cloudnet.Dataplane.Conntrack;

/// <summary>
/// One connection tracked by the kernel, as ctnetlink reports it: the tuple of the original
/// direction and the tuple the kernel expects replies on (which differs from the reversed
/// original when NAT rewrote the flow).
/// </summary>
/// <param name="Protocol">The IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...).</param>
/// <param name="Original">The tuple of the direction that opened the connection.</param>
/// <param name="Reply">The tuple replies must carry.</param>
/// <param name="Id">The kernel's id of the entry (CTA_ID), which tells a recreated entry from the old one.</param>
/// <param name="Zone">The conntrack zone; 0 is the default zone.</param>
public sealed record ConntrackEntry(byte Protocol, ConntrackTuple Original, ConntrackTuple Reply, uint Id, ushort Zone)
{
    /// <summary>True when <paramref name="address"/> is a source or destination of either tuple.</summary>
    public bool Involves(IPAddress address) =>
        Original.Source.Equals(address) || Original.Destination.Equals(address) ||
        Reply.Source.Equals(address) || Reply.Destination.Equals(address);

    /// <inheritdoc />
    public override string ToString() =>
        $"{ProtocolName(Protocol)} {Original} (reply {Reply})";

    /// <summary>"tcp", "udp", "icmp", "icmpv6", or the number.</summary>
    public static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "icmp",
        6 => "tcp",
        17 => "udp",
        58 => "icmpv6",
        132 => "sctp",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };
}
