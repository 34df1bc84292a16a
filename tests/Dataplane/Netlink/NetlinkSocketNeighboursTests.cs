using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Testing;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

public sealed class NetlinkSocketNeighboursTests
{
    private static readonly IPAddress Gateway = IPAddress.Parse("169.254.1.1");

    [RootFact]
    public void AddNeighbour_Permanent_IsListedAndShownPermanent_AndIdempotent()
    {
        using var ns = TwoNamespaces.Create();
        var host = ns.CreateVeth();
        var eth0 = ns.PodLink.GetLink("eth0")!;
        var entry = new Neighbour(eth0.Index, Gateway, host.Mac);

        ns.PodLink.AddNeighbour(entry);
        ns.PodLink.AddNeighbour(entry);

        var listed = Assert.Single(ns.PodLink.ListNeighbours(AddressFamily.InterNetwork, eth0.Index));
        Assert.Equal(entry, listed);
        Assert.Contains($"169.254.1.1 dev eth0 lladdr {MacText.Format(host.Mac)} PERMANENT", ns.PodNs.Ip("neigh", "show").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public void DeleteNeighbour_Existing_Deleted_ThenAlreadyGone()
    {
        using var ns = TwoNamespaces.Create();
        var link = ns.HostLink.CreateNic("dm-neigh");
        var entry = new Neighbour(link.Index, IPAddress.Parse("fd00::1"), PhysicalAddress.Parse("02-00-00-00-00-99"));
        ns.HostLink.SetLinkUp(link.Index);
        ns.HostLink.AddNeighbour(entry);

        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteNeighbour(entry));
        Assert.Equal(DeleteOutcome.AlreadyGone, ns.HostLink.DeleteNeighbour(entry));
        Assert.Empty(ns.HostLink.ListNeighbours(AddressFamily.InterNetworkV6, link.Index));
    }
}
