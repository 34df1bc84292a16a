using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Bgp;

/// <summary>Everything the rendered BIRD configuration depends on; equal inputs render equal text.</summary>
/// <param name="RouterId">BGP router id (IPv4).</param>
/// <param name="LocalAs">Local AS number.</param>
/// <param name="OwnedBlocks">Blocks this node owns: announced to every peer.</param>
/// <param name="Pool">The cluster pool: only routes inside it are imported.</param>
/// <param name="Peers">BGP neighbours (configured ones and the node mesh).</param>
public sealed record BirdConfig(IPAddress RouterId, long LocalAs, ImmutableArray<Cidr> OwnedBlocks, ImmutableArray<Cidr> Pool, ImmutableArray<BgpPeer> Peers)
{
    /// <inheritdoc />
    public bool Equals(BirdConfig? other) =>
        other is not null && RouterId.Equals(other.RouterId) && LocalAs == other.LocalAs
        && OwnedBlocks.SequenceEqual(other.OwnedBlocks) && Pool.SequenceEqual(other.Pool) && Peers.SequenceEqual(other.Peers);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RouterId, LocalAs, OwnedBlocks.Length, Peers.Length);
}
