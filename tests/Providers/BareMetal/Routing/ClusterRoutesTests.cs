using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Kubernetes;
using Cloudnet.Providers.BareMetal.Routing;

namespace Cloudnet.Providers.BareMetal.Tests.Routing;

public class ClusterRoutesTests
{
    private static readonly ClusterSnapshot Snapshot = new(
        ImmutableDictionary<string, IPAddress>.Empty
            .Add("n1", IPAddress.Parse("198.18.0.1"))
            .Add("n2", IPAddress.Parse("198.18.0.2"))
            .Add("n3", IPAddress.Parse("198.18.0.3"))
            .Add("v6", IPAddress.Parse("2001:db8::6")),
        [
            new BlockClaim(Cidr.Parse("10.244.0.0/26"), "n1"),
            new BlockClaim(Cidr.Parse("10.244.0.64/26"), "n2"),
            new BlockClaim(Cidr.Parse("10.244.0.128/26"), "n3"),
            new BlockClaim(Cidr.Parse("10.244.0.192/26"), "gone"),
        ],
        true)
    {
        NodePodCidrs = ImmutableDictionary<string, ImmutableArray<Cidr>>.Empty
            .Add("n1", [Cidr.Parse("10.1.1.0/24")])
            .Add("n2", [Cidr.Parse("10.1.2.0/24")]),
    };

    [Fact]
    public void MeshPeers_OtherNodesSameFamily_IBgpPeersInAddressOrder()
    {
        var peers = ClusterRoutes.MeshPeers(Snapshot, "n1", IPAddress.Parse("198.18.0.1"), 64512);

        Assert.Equal(["198.18.0.2", "198.18.0.3"], peers.Select(p => p.Address.ToString()));
        Assert.All(peers, p => Assert.Equal(64512, p.As));
    }

    [Fact]
    public void FromCluster_KubernetesMode_OtherNodesBlocksViaTheirAddresses()
    {
        var routes = ClusterRoutes.FromCluster(Snapshot, "n1", BlockClaimMode.Kubernetes);

        Assert.Equal(
            ["10.244.0.64/26 via 198.18.0.2", "10.244.0.128/26 via 198.18.0.3"],
            routes.Select(r => $"{r.Destination} via {r.Via}"));
    }

    [Fact]
    public void FromCluster_PodCidrsMode_OtherNodesPodCidrs()
    {
        var route = Assert.Single(ClusterRoutes.FromCluster(Snapshot, "n1", BlockClaimMode.PodCidrs));

        Assert.Equal(Cidr.Parse("10.1.2.0/24"), route.Destination);
        Assert.Equal(IPAddress.Parse("198.18.0.2"), route.Via);
    }
}
