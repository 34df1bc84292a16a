using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Testing;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

public sealed class NetlinkSocketAddressesTests
{
    [RootFact]
    public void AddAddress_V4HostAddress_IsListedAndVisibleToIp()
    {
        using var ns = TwoNamespaces.Create();
        ns.CreateVeth();
        var eth0 = ns.PodLink.GetLink("eth0")!;

        ns.PodLink.AddAddress(new LinkAddress(eth0.Index, IPAddress.Parse("10.1.2.3"), 32));

        var listed = Assert.Single(ns.PodLink.ListAddresses(AddressFamily.InterNetwork, eth0.Index));
        Assert.Equal((IPAddress.Parse("10.1.2.3"), 32, RouteScope.Universe), (listed.Address, listed.PrefixLength, listed.Scope));
        Assert.Contains("inet 10.1.2.3/32", ns.PodNs.Ip("addr", "show", "eth0").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public void AddAddress_Duplicate_ThrowsEexist_ReplaceSucceeds()
    {
        using var ns = TwoNamespaces.Create();
        var link = ns.HostLink.CreateNic("dm-addr");
        var address = new LinkAddress(link.Index, IPAddress.Parse("192.0.2.10"), 24);
        ns.HostLink.AddAddress(address);

        var error = Assert.Throws<NetlinkException>(() => ns.HostLink.AddAddress(address));
        ns.HostLink.AddAddress(address, replace: true);

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Contains("RTM_NEWADDR 192.0.2.10/24 on ifindex", error.Operation, StringComparison.Ordinal);
        Assert.Single(ns.HostLink.ListAddresses(AddressFamily.InterNetwork, link.Index));
    }

    [RootFact]
    public void AddAddress_V6WithNoDad_IsNotTentative()
    {
        using var ns = TwoNamespaces.Create();
        ns.CreateVeth();
        var eth0 = ns.PodLink.GetLink("eth0")!;

        ns.PodLink.AddAddress(new LinkAddress(eth0.Index, IPAddress.Parse("fd00:10::5"), 128) { Flags = AddressFlags.NoDad });

        var listed = ns.PodLink.ListAddresses(AddressFamily.InterNetworkV6, eth0.Index)
            .Single(address => address.Address.Equals(IPAddress.Parse("fd00:10::5")));
        Assert.Equal(128, listed.PrefixLength);
        Assert.True(listed.Flags.HasFlag(AddressFlags.NoDad));
        Assert.False(listed.Flags.HasFlag(AddressFlags.Tentative));
    }

    [RootFact]
    public void DeleteAddress_Existing_Deleted_ThenAlreadyGone()
    {
        using var ns = TwoNamespaces.Create();
        var link = ns.HostLink.CreateNic("dm-deladdr");
        var address = new LinkAddress(link.Index, IPAddress.Parse("198.51.100.7"), 32);
        ns.HostLink.AddAddress(address);

        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteAddress(address));
        Assert.Equal(DeleteOutcome.AlreadyGone, ns.HostLink.DeleteAddress(address));
        Assert.Empty(ns.HostLink.ListAddresses(AddressFamily.InterNetwork, link.Index));
    }
}
