using System.Net.NetworkInformation;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>A network interface as the kernel reports it (RTM_NEWLINK).</summary>
/// <param name="Index">The interface index, unique within its namespace.</param>
/// <param name="Name">The interface name (at most 15 bytes).</param>
/// <param name="Mtu">The MTU in bytes.</param>
/// <param name="Mac">The hardware address, or null for links without one (loopback has zeros).</param>
/// <param name="Flags">The IFF_* flags (IFF_UP = 0x1, IFF_LOWER_UP = 0x10000).</param>
/// <param name="Kind">The link kind from IFLA_INFO_KIND ("veth", "dummy", ...), or null for physical ones.</param>
public sealed record LinkInfo(int Index, string Name, int Mtu, PhysicalAddress? Mac, uint Flags, string? Kind)
{
    /// <summary>The index of the link this one is tied to (a veth's peer; IFLA_LINK), if reported.</summary>
    public int? PeerIndex { get; init; }

    /// <summary>The namespace id of the peer's namespace, as seen from this one (IFLA_LINK_NETNSID), if reported.</summary>
    public int? PeerNetnsId { get; init; }

    /// <summary>True when administratively up (IFF_UP).</summary>
    public bool IsUp => (Flags & 0x1) != 0;

    /// <summary>True when the link has carrier (IFF_LOWER_UP); for a veth, when both ends are up.</summary>
    public bool HasCarrier => (Flags & 0x10000) != 0;
}
