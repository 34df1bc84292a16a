using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Bgp;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Kubernetes;

namespace Cloudnet.Providers.BareMetal.Routing;

/// <summary>Pure: the BGP mesh's peers and static-route mode's routes from the cluster's view.</summary>
public static class ClusterRoutes
{
    /// <summary>Every other node with an address of the same family as ours, as an iBGP peer.</summary>
    public static ImmutableArray<BgpPeer> MeshPeers(ClusterSnapshot snapshot, string self, IPAddress selfAddress, long localAs)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(selfAddress);
        return [.. snapshot.NodeAddresses
            .Where(n => n.Key != self && !n.Value.Equals(selfAddress) && n.Value.AddressFamily == selfAddress.AddressFamily)
            .Select(n => new BgpPeer(BgpPeer.NameFor(n.Value), n.Value, localAs))
            .DistinctBy(p => p.Address)
            .OrderBy(p => Cidr.ToValue(p.Address))];
    }

    /// <summary>
    /// Routes to the other nodes' blocks via their addresses: IPAMBlocks in kubernetes claim mode,
    /// podCIDRs in podcidrs mode. Blocks whose owner has no known address, or whose family differs
    /// from that address, are left out (no route is better than a wrong one).
    /// </summary>
    public static ImmutableArray<StaticRoute> FromCluster(ClusterSnapshot snapshot, string self, BlockClaimMode mode)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        IEnumerable<(Cidr Block, string Node)> owned = mode == BlockClaimMode.PodCidrs
            ? snapshot.NodePodCidrs.SelectMany(n => n.Value.Select(c => (c, n.Key)))
            : snapshot.Blocks.Select(b => (b.Block, b.Node));
        return [.. owned
            .Where(o => o.Node != self && snapshot.NodeAddresses.TryGetValue(o.Node, out var via) && via.AddressFamily == o.Block.Family)
            .Select(o => new StaticRoute(o.Block, snapshot.NodeAddresses[o.Node], o.Node))
            .OrderBy(r => r.Destination, CidrOrder.Instance)];
    }
}
