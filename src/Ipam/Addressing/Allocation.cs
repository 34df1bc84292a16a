using System.Net;

namespace Cloudnet.Ipam.Addressing;

/// <summary>An address held by one attachment.</summary>
/// <param name="Key">The attachment.</param>
/// <param name="Address">The pod's address.</param>
/// <param name="InterfaceId">The pool interface (ENI, NIC, block) that owns the address.</param>
/// <param name="Pod">Pod metadata, when known.</param>
/// <param name="AllocatedAt">When the address was first handed out.</param>
public sealed record Allocation(
    AllocationKey Key,
    IPAddress Address,
    string InterfaceId,
    PodMetadata? Pod,
    DateTimeOffset AllocatedAt);
