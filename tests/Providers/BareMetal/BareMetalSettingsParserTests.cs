using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Tests;

public class BareMetalSettingsParserTests
{
    [Fact]
    public void TryParse_LocalModeWithPeers_Settings()
    {
        var options = new BareMetalOptions
        {
            NodeName = "node1",
            NodeAddress = "198.18.0.1",
            PoolCidrs = "10.244.0.0/16",
            Blocks = "10.244.1.0/25",
            BgpPeers = "198.18.0.2, 198.18.0.3:65001",
        };

        Assert.True(BareMetalSettingsParser.TryParse(options, out var settings, out var errors), string.Join("; ", errors));
        Assert.Equal([Cidr.Parse("10.244.1.0/26"), Cidr.Parse("10.244.1.64/26")], settings.LocalBlocks.ToArray());
        Assert.Equal(IPAddress.Parse("198.18.0.1"), settings.RouterId);
        Assert.Equal([64512L, 65001L], settings.Peers.Select(p => p.As));
        Assert.False(settings.UsesKubernetes);
    }

    [Fact]
    public void TryParse_ManyProblems_AllListedNamingVariables()
    {
        var options = new BareMetalOptions
        {
            NodeAddress = "not-an-ip",
            ClaimMode = BlockClaimMode.Kubernetes,
            BgpPeers = "198.18.0.2:x",
            StaticRoutes = "10.1.0.0/24=fd00::1",
            MaxBlocks = 0,
        };

        Assert.False(BareMetalSettingsParser.TryParse(options, out _, out var errors));
        foreach (var variable in new[]
                 {
                     "CLOUDNET_BAREMETAL_NODE_NAME", "CLOUDNET_BAREMETAL_NODE_ADDRESS", "CLOUDNET_BAREMETAL_POOL_CIDRS",
                     "CLOUDNET_BAREMETAL_BGP_PEERS", "CLOUDNET_BAREMETAL_STATIC_ROUTES", "CLOUDNET_BAREMETAL_MAX_BLOCKS",
                     "CLOUDNET_BAREMETAL_BGP_ROUTER_ID",
                 })
        {
            Assert.Contains(errors, e => e.StartsWith(variable + ":", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TryParse_MeshWithoutKubernetes_Refused()
    {
        var options = new BareMetalOptions { NodeName = "n", NodeAddress = "198.18.0.1", PoolCidrs = "10.244.0.0/16", Blocks = "10.244.1.0/26", BgpMesh = true };

        Assert.False(BareMetalSettingsParser.TryParse(options, out _, out var errors));
        Assert.Contains(errors, e => e.StartsWith("CLOUDNET_BAREMETAL_BGP_MESH:", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_LocalBlockOutsidePool_Refused()
    {
        var options = new BareMetalOptions { NodeName = "n", NodeAddress = "198.18.0.1", PoolCidrs = "10.244.0.0/16", Blocks = "10.9.0.0/26" };

        Assert.False(BareMetalSettingsParser.TryParse(options, out _, out var errors));
        Assert.Contains(errors, e => e.Contains("10.9.0.0/26 is outside the pool", StringComparison.Ordinal));
    }
}
