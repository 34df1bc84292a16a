using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>An IPv4 or IPv6 address on an interface (RTM_NEWADDR).</summary>
/// <param name="LinkIndex">Index of the interface that holds the address.</param>
/// <param name="Address">The address itself (for IPv4, IFA_LOCAL).</param>
/// <param name="PrefixLength">Prefix length in bits (32 or 128 for a pod's host address).</param>
public sealed record LinkAddress(int LinkIndex, IPAddress Address, int PrefixLength)
{
    /// <summary>Address scope; default <see cref="RouteScope.Universe"/> (global).</summary>
    public RouteScope Scope { get; init; } = RouteScope.Universe;

    /// <summary>Flags to set (e.g. <see cref="AddressFlags.NoDad"/> for IPv6); listings report the kernel's flags.</summary>
    public AddressFlags Flags { get; init; }

    /// <summary>The network the address belongs to.</summary>
    public Cidr Network => Cidr.Create(Address, PrefixLength);

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{PrefixLength} on ifindex {LinkIndex}";
}
