using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Blocks;

/// <summary>
/// Where block ownership is recorded: the Kubernetes API (one IPAMBlock object per block, creating it
/// is the claim) or this node's configuration. Implementations throw
/// <see cref="Cloudnet.Ipam.Cloud.CloudProviderException"/> for I/O failures.
/// </summary>
public interface IBlockStore
{
    /// <summary>Blocks <paramref name="node"/> may claim, in the order to try them (claimed ones included).</summary>
    Task<IEnumerable<Cidr>> CandidatesAsync(string node, CancellationToken cancellationToken);

    /// <summary>Every claim the store knows (all nodes); the fixed stores return only this node's blocks.</summary>
    Task<IReadOnlyList<BlockClaim>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Records <paramref name="node"/> as the owner of <paramref name="block"/> unless someone holds it.</summary>
    /// <returns>True when the claim is ours now (also when we held it already); false when another node holds it.</returns>
    Task<bool> TryClaimAsync(Cidr block, string node, CancellationToken cancellationToken);

    /// <summary>Gives the block back, only if <paramref name="node"/> holds it. Idempotent.</summary>
    Task ReleaseAsync(Cidr block, string node, CancellationToken cancellationToken);
}
