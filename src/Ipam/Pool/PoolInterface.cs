using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Pool;

/// <summary>
/// One source of pod addresses as the provider sees it: an ENI, a NIC, a bare-metal block or a
/// local CIDR. The provider's description is the truth; the datastore tracks which of
/// <see cref="Addresses"/> and of the addresses inside <see cref="Prefixes"/> are in use.
/// </summary>
public sealed record PoolInterface
{
    /// <summary>Provider id: "eni-0abc…", a NIC ipConfiguration prefix, a block name, "local-0".</summary>
    public required string Id { get; init; }

    /// <summary>What backs the interface.</summary>
    public InterfaceKind Kind { get; init; }

    /// <summary>Cloud device index; 0 is the node's primary interface.</summary>
    public int DeviceIndex { get; init; }

    /// <summary>True for the node's primary interface, which is never deleted.</summary>
    public bool IsPrimary { get; init; }

    /// <summary>MAC address ("0a:1b:…"), when the interface is a real link on the node.</summary>
    public string? MacAddress { get; init; }

    /// <summary>The interface's own address (not given to pods), when it has one.</summary>
    public IPAddress? PrimaryAddress { get; init; }

    /// <summary>The subnet the interface lives in, when known.</summary>
    public Cidr? Subnet { get; init; }

    /// <summary>The subnet's router, when known.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Route table for traffic from its pods: 254 (main) for the primary, device index + 1 otherwise.</summary>
    public int RouteTable { get; init; } = RouteTables.Main;

    /// <summary>Secondary addresses that can be given to pods.</summary>
    public ImmutableArray<IPAddress> Addresses { get; init; } = [];

    /// <summary>Delegated prefixes (/28 on AWS) whose every address can be given to pods.</summary>
    public ImmutableArray<Cidr> Prefixes { get; init; } = [];

    /// <summary>True when pods must not get addresses from this interface (custom networking's primary ENI).</summary>
    public bool ExcludedFromPods { get; init; }

    /// <summary>When the provider created the interface, when known.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
