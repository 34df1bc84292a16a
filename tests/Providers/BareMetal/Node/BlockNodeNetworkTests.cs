using System.Collections.Immutable;
using System.Net;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Bgp;
using Cloudnet.Ipamd.Node;
using Cloudnet.Providers.BareMetal.Routing;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cloudnet.Providers.BareMetal.Tests.Node;

/// <summary>Blackhole and static routes programmed for real, in a throwaway namespace.</summary>
public class BlockNodeNetworkTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [RootFact]
    public async Task ApplyAsync_OwnedBlocks_BlackholesExactlyThem()
    {
        using var netns = ThrowawayNamespace.Create();
        using var handle = NetworkNamespace.Open(netns.Path);
        using var netlink = handle.OpenNetlink();
        var network = new BlockNodeNetwork(netlink, new NoBlockRouting(), NullLogger<BlockNodeNetwork>.Instance);

        await network.ApplyAsync(Node("10.244.0.0/26", "10.244.0.64/26"), Ct);
        var first = Blackholes(netns);
        await network.ApplyAsync(Node("10.244.0.64/26"), Ct);
        var second = Blackholes(netns);
        await network.RemoveAsync(Ct);

        Assert.Equal(["10.244.0.0/26", "10.244.0.64/26"], first);
        Assert.Equal(["10.244.0.64/26"], second);
        Assert.Empty(Blackholes(netns));
    }

    [RootFact]
    public async Task ApplyAsync_BlackholeDropsUnassignedAddress_PodRouteWins()
    {
        using var netns = ThrowawayNamespace.Create();
        netns.Ip("link", "add", "d0", "type", "veth", "peer", "name", "d1").EnsureSuccess();
        netns.Ip("link", "set", "d0", "up").EnsureSuccess();
        netns.Ip("link", "set", "d1", "up").EnsureSuccess();
        netns.Ip("route", "add", "10.244.0.5/32", "dev", "d0").EnsureSuccess();
        using var handle = NetworkNamespace.Open(netns.Path);
        using var netlink = handle.OpenNetlink();
        var network = new BlockNodeNetwork(netlink, new NoBlockRouting(), NullLogger<BlockNodeNetwork>.Instance);

        await network.ApplyAsync(Node("10.244.0.0/26"), Ct);

        Assert.Contains("dev d0", netns.Ip("route", "get", "10.244.0.5").EnsureSuccess().Stdout, StringComparison.Ordinal);
        // The kernel answers a lookup that ends in a blackhole with EINVAL, one without any route with ENETUNREACH.
        var unassigned = netns.Ip("route", "get", "10.244.0.6");
        Assert.False(unassigned.Succeeded);
        Assert.Contains("Invalid argument", unassigned.Stderr, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task StaticRouting_ConfiguredRoutes_ProgrammedAndStaleRemoved()
    {
        using var netns = ThrowawayNamespace.Create();
        netns.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth1").EnsureSuccess();
        netns.Ip("addr", "add", "198.18.0.1/24", "dev", "eth0").EnsureSuccess();
        netns.Ip("link", "set", "eth0", "up").EnsureSuccess();
        netns.Ip("link", "set", "eth1", "up").EnsureSuccess();
        using var handle = NetworkNamespace.Open(netns.Path);
        using var netlink = handle.OpenNetlink();
        var settings = TestSettings.For("n1") with
        {
            NodeAddress = IPAddress.Parse("198.18.0.1"),
            StaticRoutes =
            [
                new StaticRoute(Cidr.Parse("10.244.1.0/24"), IPAddress.Parse("198.18.0.2")),
                new StaticRoute(Cidr.Parse("10.244.2.0/24"), IPAddress.Parse("198.18.0.3")),
                new StaticRoute(Cidr.Parse("10.244.0.0/26"), IPAddress.Parse("198.18.0.9")),
            ],
        };
        using var routing = new StaticRouting(settings, netlink, null, NullLogger<StaticRouting>.Instance);

        await routing.SetOwnedBlocksAsync([Cidr.Parse("10.244.0.0/26")], Ct);
        var programmed = netns.Ip("route", "show", "proto", "206").EnsureSuccess().Stdout;
        using var fewer = new StaticRouting(settings with { StaticRoutes = [settings.StaticRoutes[0]] }, netlink, null, NullLogger<StaticRouting>.Instance);
        await fewer.SetOwnedBlocksAsync([Cidr.Parse("10.244.0.0/26")], Ct);
        var after = netns.Ip("route", "show", "proto", "206").EnsureSuccess().Stdout;

        Assert.Contains("10.244.1.0/24 via 198.18.0.2", programmed, StringComparison.Ordinal);
        Assert.Contains("10.244.2.0/24 via 198.18.0.3", programmed, StringComparison.Ordinal);
        Assert.DoesNotContain("10.244.0.0/26", programmed, StringComparison.Ordinal);
        Assert.Contains("10.244.1.0/24 via 198.18.0.2", after, StringComparison.Ordinal);
        Assert.DoesNotContain("10.244.2.0/24", after, StringComparison.Ordinal);
    }

    private static NodeDescription Node(params string[] blocks) => new()
    {
        NodeId = "n1",
        Interfaces =
        [
            new PoolInterface { Id = "node", Kind = InterfaceKind.Block, IsPrimary = true, ExcludedFromPods = true },
            .. blocks.Select(b => new PoolInterface { Id = b, Kind = InterfaceKind.Block, Subnet = Cidr.Parse(b) }),
        ],
        Limits = new PoolLimits { MaxInterfaces = 17, AddressesPerInterface = 64 },
    };

    private static List<string> Blackholes(ThrowawayNamespace netns) =>
        [.. netns.Ip("route", "show", "type", "blackhole").EnsureSuccess().Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            .Order()];
}
