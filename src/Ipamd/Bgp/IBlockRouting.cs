using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>
/// How the other nodes learn where this node's blocks are, and this node where theirs are: BIRD
/// (BGP) or kernel routes (static-route mode). Idempotent; called after every describe and on
/// every change of the cluster's view.
/// </summary>
public interface IBlockRouting
{
    /// <summary>Makes routing match the node's owned blocks.</summary>
    Task SetOwnedBlocksAsync(IReadOnlyList<Cidr> blocks, CancellationToken cancellationToken);

    /// <summary>Re-applies after the cluster's nodes or blocks changed (peers, other nodes' blocks).</summary>
    Task ClusterChangedAsync(CancellationToken cancellationToken);

    /// <summary>Removes what it programmed (uninstall).</summary>
    Task RemoveAsync(CancellationToken cancellationToken);
}
