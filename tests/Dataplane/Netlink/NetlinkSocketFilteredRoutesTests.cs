using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

/// <summary>ListRoutes(family, table, link): only that link's routes in that table, both families.</summary>
public sealed class NetlinkSocketFilteredRoutesTests
{
    [RootFact]
    public void ListRoutes_TableAndLink_OnlyThatLinksRoutes()
    {
        using var ns = ThrowawayNamespace.Create();
        using var handle = Dataplane.Namespaces.NetworkNamespace.Open(ns.Path);
        using var netlink = handle.OpenNetlink();
        var a = netlink.CreateVeth(new VethSpec { Name = "cntfa0", PeerName = "cntfa1", Up = true });
        var b = netlink.CreateVeth(new VethSpec { Name = "cntfb0", PeerName = "cntfb1", Up = true });
        netlink.AddRoute(new Route { Destination = Cidr.Parse("10.9.0.1/32"), LinkIndex = a.Index, Scope = RouteScope.Link });
        netlink.AddRoute(new Route { Destination = Cidr.Parse("10.9.0.2/32"), LinkIndex = b.Index, Scope = RouteScope.Link });
        netlink.AddRoute(new Route { Destination = Cidr.Parse("10.9.0.3/32"), LinkIndex = a.Index, Scope = RouteScope.Link, Table = 7 });
        netlink.AddRoute(new Route { Destination = Cidr.Parse("fd00:9::1/128"), LinkIndex = a.Index });
        netlink.AddRoute(new Route { Destination = Cidr.Parse("fd00:9::2/128"), LinkIndex = b.Index });

        var v4 = netlink.ListRoutes(AddressFamily.InterNetwork, 254, a.Index);
        var v6 = netlink.ListRoutes(AddressFamily.InterNetworkV6, 254, a.Index);
        var table7 = netlink.ListRoutes(AddressFamily.InterNetwork, 7, a.Index);

        Assert.Equal([IPAddress.Parse("10.9.0.1")], v4.Select(r => r.Destination.Network));
        Assert.Contains(v6, r => r.Destination == Cidr.Parse("fd00:9::1/128"));
        Assert.All(v6, r => Assert.Equal(a.Index, r.LinkIndex));
        Assert.DoesNotContain(v6, r => r.Destination == Cidr.Parse("fd00:9::2/128"));
        Assert.Equal([IPAddress.Parse("10.9.0.3")], table7.Select(r => r.Destination.Network));
    }
}
