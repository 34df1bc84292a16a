using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Testing;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

public sealed class NetlinkSocketRoutesTests
{
    [RootFact]
    public void AddRoute_CustomTableAbove255_WithGatewayAndDeviceRoutes_AreListedAndTagged()
    {
        using var ns = TwoNamespaces.Create();
        var eni = ns.HostLink.CreateNic("eni-rt");
        ns.HostLink.SetLinkUp(eni.Index);
        var gatewayRoute = new Route { Destination = Cidr.Parse("10.0.0.1/32"), LinkIndex = eni.Index, Table = 1001 };
        var defaultRoute = new Route { Destination = Cidr.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("10.0.0.1"), LinkIndex = eni.Index, Table = 1001 };

        ns.HostLink.AddRoute(gatewayRoute);
        ns.HostLink.AddRoute(defaultRoute);

        var routes = ns.HostLink.ListRoutes(AddressFamily.InterNetwork, table: 1001);
        Assert.Equal(2, routes.Count);
        Assert.All(routes, route => Assert.Equal((RouteProtocol.Cloudnet, 1001, eni.Index), (route.Protocol, route.Table, route.LinkIndex)));
        var listedDefault = routes.Single(route => route.Destination.PrefixLength == 0);
        Assert.Equal((IPAddress.Parse("10.0.0.1"), RouteScope.Universe), (listedDefault.Gateway, listedDefault.Scope));
        Assert.Equal(RouteScope.Link, routes.Single(route => route.Destination.PrefixLength == 32).Scope);
        var shown = ns.HostNs.Ip("route", "show", "table", "1001").Stdout;
        Assert.Contains("default via 10.0.0.1 dev eni-rt proto 206", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(ns.HostLink.ListRoutes(AddressFamily.InterNetwork, table: 254), route => route.Protocol == RouteProtocol.Cloudnet);
    }

    [RootFact]
    public void AddRoute_OnLinkGatewayWithoutCoveringAddress_Works()
    {
        using var ns = TwoNamespaces.Create();
        ns.CreateVeth();
        var eth0 = ns.PodLink.GetLink("eth0")!;
        var route = new Route { Destination = Cidr.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("169.254.1.1"), LinkIndex = eth0.Index };

        var withoutOnLink = Assert.Throws<NetlinkException>(() => ns.PodLink.AddRoute(route));
        ns.PodLink.AddRoute(route with { OnLink = true });

        Assert.Equal(Errno.ENETUNREACH, withoutOnLink.Errno);
        var listed = Assert.Single(ns.PodLink.ListRoutes(AddressFamily.InterNetwork, 254), r => r.Destination.PrefixLength == 0);
        Assert.True(listed.OnLink);
    }

    [RootFact]
    public void AddRoute_Duplicate_ThrowsEexist_ReplaceIsIdempotent()
    {
        using var ns = TwoNamespaces.Create();
        var link = ns.HostLink.CreateNic("dm-dup");
        ns.HostLink.SetLinkUp(link.Index);
        var route = new Route { Destination = Cidr.Parse("10.9.0.0/24"), LinkIndex = link.Index, Metric = 100 };
        ns.HostLink.AddRoute(route);

        var error = Assert.Throws<NetlinkException>(() => ns.HostLink.AddRoute(route));
        ns.HostLink.ReplaceRoute(route);
        ns.HostLink.ReplaceRoute(route);

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.StartsWith("RTM_NEWROUTE 10.9.0.0/24 dev ifindex", error.Operation, StringComparison.Ordinal);
        var listed = Assert.Single(ns.HostLink.ListRoutes(AddressFamily.InterNetwork, 254), r => r.Protocol == RouteProtocol.Cloudnet);
        Assert.Equal(100u, listed.Metric);
    }

    [RootFact]
    public void AddRoute_BlackholeAndUnreachable_AreTypedAndShownByIp()
    {
        using var ns = TwoNamespaces.Create();
        var blackhole = new Route { Destination = Cidr.Parse("10.244.1.0/26"), Type = RouteType.Blackhole };
        var unreachable = new Route { Destination = Cidr.Parse("10.244.2.0/26"), Type = RouteType.Unreachable, Table = 300 };
        var blackhole6 = new Route { Destination = Cidr.Parse("fd00:244::/64"), Type = RouteType.Blackhole };

        ns.HostLink.AddRoute(blackhole);
        ns.HostLink.AddRoute(unreachable);
        ns.HostLink.AddRoute(blackhole6);

        Assert.Contains("blackhole 10.244.1.0/26 proto 206", ns.HostNs.Ip("route", "show").Stdout, StringComparison.Ordinal);
        Assert.Contains("unreachable 10.244.2.0/26 proto 206", ns.HostNs.Ip("route", "show", "table", "300").Stdout, StringComparison.Ordinal);
        Assert.Equal(RouteType.Blackhole, ns.HostLink.ListRoutes(AddressFamily.InterNetworkV6, 254).Single(r => r.Protocol == RouteProtocol.Cloudnet).Type);
        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteRoute(blackhole));
        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteRoute(blackhole6));
        Assert.Equal(DeleteOutcome.AlreadyGone, ns.HostLink.DeleteRoute(blackhole));
    }

    [RootFact]
    public void DeleteRoute_OnlyMatchesOurProtocolTag_UnlessUnspecified()
    {
        using var ns = TwoNamespaces.Create();
        var link = ns.HostLink.CreateNic("dm-proto");
        ns.HostLink.SetLinkUp(link.Index);
        ns.HostNs.Ip("route", "add", "10.7.0.0/16", "dev", "dm-proto").EnsureSuccess();
        var theirs = new Route { Destination = Cidr.Parse("10.7.0.0/16"), LinkIndex = link.Index };

        Assert.Equal(DeleteOutcome.AlreadyGone, ns.HostLink.DeleteRoute(theirs));
        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteRoute(theirs with { Protocol = RouteProtocol.Unspecified }));
    }

    [RootFact]
    public void DeleteRoute_KernelConnectedRoute_IsRemovedFromMain()
    {
        using var ns = TwoNamespaces.Create();
        var eni = ns.HostLink.CreateNic("eni-conn", up: true);
        ns.HostLink.AddAddress(new LinkAddress(eni.Index, IPAddress.Parse("10.0.5.10"), 24));
        var connected = Assert.Single(ns.HostLink.ListRoutes(AddressFamily.InterNetwork, 254), r => r.LinkIndex == eni.Index);
        Assert.Equal((Cidr.Parse("10.0.5.0/24"), RouteProtocol.Kernel, RouteScope.Link), (connected.Destination, connected.Protocol, connected.Scope));

        var outcome = ns.HostLink.DeleteRoute(new Route { Destination = Cidr.Parse("10.0.5.0/24"), LinkIndex = eni.Index, Protocol = RouteProtocol.Kernel });

        Assert.Equal(DeleteOutcome.Deleted, outcome);
        Assert.DoesNotContain(ns.HostLink.ListRoutes(AddressFamily.InterNetwork, 254), r => r.LinkIndex == eni.Index);
        Assert.Single(ns.HostLink.ListAddresses(AddressFamily.InterNetwork, eni.Index));
    }

    [RootFact]
    public void ListRoutes_IPv6HostRoute_RoundTrips()
    {
        using var ns = TwoNamespaces.Create();
        var host = ns.CreateVeth();
        var route = new Route { Destination = Cidr.Parse("fd00:10::5/128"), LinkIndex = host.Index, Table = 2000 };

        ns.HostLink.AddRoute(route);

        var listed = Assert.Single(ns.HostLink.ListRoutes(AddressFamily.InterNetworkV6, 2000));
        Assert.Equal((route.Destination, host.Index), (listed.Destination, listed.LinkIndex));
        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteRoute(route));
    }
}
