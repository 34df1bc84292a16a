using System.Net.NetworkInformation;
using Cloudnet.Dataplane.Namespaces;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>
/// A veth pair to create in one RTM_NEWLINK request: <see cref="Name"/> in the socket's own
/// namespace, <see cref="PeerName"/> created directly in <see cref="PeerNamespace"/> (never
/// created and then moved: moving serialises on the rtnl lock and made ADDs slow under bursts).
/// A veth with no <see cref="PeerNamespace"/> also serves as a stand-in NIC in tests (this
/// kernel family is often built without the dummy driver).
/// </summary>
public sealed record VethSpec
{
    /// <summary>Name of the end that stays in the socket's namespace (the host veth), at most 15 bytes.</summary>
    public required string Name { get; init; }

    /// <summary>Name of the other end (the pod's interface, e.g. CNI_IFNAME "eth0"), at most 15 bytes.</summary>
    public required string PeerName { get; init; }

    /// <summary>Namespace the peer is created in; null keeps it in the socket's namespace.</summary>
    public NetworkNamespace? PeerNamespace { get; init; }

    /// <summary>MTU of both ends in bytes; null keeps the kernel default (1500).</summary>
    public int? Mtu { get; init; }

    /// <summary>Hardware address of <see cref="Name"/>; null lets the kernel pick a random one.</summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary>Hardware address of the peer; null lets the kernel pick a random one.</summary>
    public PhysicalAddress? PeerMac { get; init; }

    /// <summary>
    /// Bring <see cref="Name"/> up in the same request. Default false. The peer always starts
    /// down: the kernel cannot open it before the pair is joined (ENOTCONN), so bring it up with
    /// a socket in its namespace.
    /// </summary>
    public bool Up { get; init; }
}
