using System.Net;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Testing;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

/// <summary>
/// The CNI's layout, built with the library alone and checked with real packets: a /32 on the
/// pod's eth0, the link-local gateway 169.254.1.1 as a permanent neighbour pointing at the host
/// veth's MAC, a default route through it, and a /32 route to the pod on the host side.
/// </summary>
public sealed class PodWiringTests
{
    private static readonly IPAddress PodIp = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress HostIp = IPAddress.Parse("10.1.0.1");
    private static readonly IPAddress Gateway = IPAddress.Parse("169.254.1.1");

    [RootFact]
    public void WirePod_CniLayout_PodAndHostPingEachOther()
    {
        using var ns = TwoNamespaces.Create();
        Wire(ns);

        Assert.True(ns.PodNs.Ping(HostIp), "pod → host ping failed");
        Assert.True(ns.HostNs.Ping(PodIp), "host → pod ping failed");
    }

    [RootFact]
    public void WirePod_WithoutHostRoute_HostCannotReachPod()
    {
        using var ns = TwoNamespaces.Create();
        var hostVeth = Wire(ns);

        ns.HostLink.DeleteRoute(new Route { Destination = Cidr.Create(PodIp, 32), LinkIndex = hostVeth.Index });

        Assert.False(ns.HostNs.Ping(PodIp, waitSeconds: 1), "host reached the pod without its /32 route");
    }

    private static LinkInfo Wire(TwoNamespaces ns)
    {
        // Host: the node's own address on lo, the veth with its peer made directly in the pod.
        var lo = ns.HostLink.GetLink("lo")!;
        ns.HostLink.AddAddress(new LinkAddress(lo.Index, HostIp, 32));
        var hostVeth = ns.HostLink.CreateVeth(new VethSpec { Name = "cnih0a1b2c3d4e", PeerName = "eth0", PeerNamespace = ns.Pod, Mtu = 9001, Up = true });
        ns.HostLink.AddRoute(new Route { Destination = Cidr.Create(PodIp, 32), LinkIndex = hostVeth.Index });

        // Pod: up, the /32, the permanent gateway neighbour and the default route through it.
        var eth0 = ns.PodLink.GetLink("eth0")!;
        ns.PodLink.SetLinkUp(eth0.Index);
        ns.PodLink.AddAddress(new LinkAddress(eth0.Index, PodIp, 32));
        ns.PodLink.AddNeighbour(new Neighbour(eth0.Index, Gateway, hostVeth.Mac));
        ns.PodLink.AddRoute(new Route { Destination = Cidr.Parse("0.0.0.0/0"), Gateway = Gateway, LinkIndex = eth0.Index, OnLink = true });
        return hostVeth;
    }
}
