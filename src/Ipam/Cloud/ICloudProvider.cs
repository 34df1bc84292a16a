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

    /// <summary>
    /// Creates and attaches a new interface with <paramref name="fill"/> assigned, and returns it
    /// with what was assigned. This default creates, then assigns with a second call; a provider
    /// whose cloud assigns at creation overrides it to save that call. When the cloud refuses the
    /// fill, the interface may still exist (created empty): the next plan sees it and fills it.
    /// </summary>
    async Task<PoolInterface> CreateInterfaceAsync(InterfaceFill fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var created = await CreateInterfaceAsync(cancellationToken).ConfigureAwait(false);
        if (fill.Prefixes > 0)
        {
            var prefixes = await AssignPrefixesAsync(created.Id, fill.Prefixes, cancellationToken).ConfigureAwait(false);
            created = created with { Prefixes = [.. created.Prefixes, .. prefixes] };
        }

        if (fill.Addresses > 0)
        {
            var addresses = await AssignAddressesAsync(created.Id, fill.Addresses, cancellationToken).ConfigureAwait(false);
            created = created with { Addresses = [.. created.Addresses, .. addresses] };
        }

        return created;
    }

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
