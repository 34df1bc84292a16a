using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Cloud;

/// <summary>
/// The cloud (or whatever hands out addresses: a local CIDR list, a bare-metal block pool).
/// Implementations translate their SDK's errors into <see cref="CloudProviderException"/> with
/// a provider-neutral <see cref="CloudErrorKind"/>; no SDK type crosses this seam.
/// </summary>
public interface ICloudProvider
{
    /// <summary>Short provider name for logs and metrics: "local", "aws", "azure", "baremetal".</summary>
    string Name { get; }

    /// <summary>Describes the node: its interfaces with their addresses and prefixes, VPC CIDRs and limits.</summary>
    Task<NodeDescription> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>Creates and attaches a new interface at a free device index and returns it.</summary>
    Task<PoolInterface> CreateInterfaceAsync(CancellationToken cancellationToken);

    /// <summary>Assigns up to <paramref name="count"/> secondary addresses to the interface; returns those assigned.</summary>
    Task<IReadOnlyList<IPAddress>> AssignAddressesAsync(string interfaceId, int count, CancellationToken cancellationToken);

    /// <summary>Assigns <paramref name="count"/> delegated prefixes to the interface; returns those assigned.</summary>
    /// <exception cref="CloudProviderException">With <see cref="CloudErrorKind.InsufficientCidrBlocks"/> when the subnet is too fragmented.</exception>
    Task<IReadOnlyList<Cidr>> AssignPrefixesAsync(string interfaceId, int count, CancellationToken cancellationToken);

    /// <summary>Returns secondary addresses to the cloud.</summary>
    Task ReleaseAddressesAsync(string interfaceId, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken);

    /// <summary>Returns delegated prefixes to the cloud.</summary>
    Task ReleasePrefixesAsync(string interfaceId, IReadOnlyList<Cidr> prefixes, CancellationToken cancellationToken);

    /// <summary>Detaches and deletes the interface. Never called for the primary.</summary>
    Task DeleteInterfaceAsync(string interfaceId, CancellationToken cancellationToken);
}
