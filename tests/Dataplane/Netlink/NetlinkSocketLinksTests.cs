using System.Net.NetworkInformation;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Testing;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

public sealed class NetlinkSocketLinksTests
{
    [RootFact]
    public void CreateVeth_PeerInTargetNamespace_BothEndsHaveNamesMtuAndState()
    {
        using var ns = TwoNamespaces.Create();

        var host = ns.CreateVeth("vh-mtu", "eth0", mtu: 1400);

        var pod = ns.PodLink.GetLink("eth0");
        Assert.NotNull(pod);
        Assert.Equal(("vh-mtu", "veth", 1400, true), (host.Name, host.Kind, host.Mtu, host.IsUp));
        Assert.Equal(("eth0", "veth", 1400, true), (pod.Name, pod.Kind, pod.Mtu, pod.IsUp));
        Assert.Equal(host.Index, pod.PeerIndex);
        Assert.Equal(pod.Index, host.PeerIndex);
        Assert.Null(ns.HostLink.GetLink("eth0"));
        Assert.Null(ns.PodLink.GetLink("vh-mtu"));
        Assert.True(ns.PodNs.Ip("link", "show", "eth0").Succeeded);
    }

    [RootFact]
    public void CreateVeth_WithMacsAndDown_UsesThemAndLeavesLinksDown()
    {
        using var ns = TwoNamespaces.Create();
        var hostMac = PhysicalAddress.Parse("02-00-00-00-00-01");
        var podMac = PhysicalAddress.Parse("02-00-00-00-00-02");

        var host = ns.HostLink.CreateVeth(new() { Name = "vh-mac", PeerName = "eth1", PeerNamespace = ns.Pod, Mac = hostMac, PeerMac = podMac });

        var pod = ns.PodLink.GetLink("eth1")!;
        Assert.Equal(hostMac, host.Mac);
        Assert.Equal(podMac, pod.Mac);
        Assert.False(host.IsUp);
        Assert.False(pod.IsUp);
        Assert.Equal(1500, pod.Mtu);
    }

    [RootFact]
    public void CreateVeth_DuplicateHostName_ThrowsEexistWithOperation()
    {
        using var ns = TwoNamespaces.Create();
        ns.CreateVeth("vh-dup", "eth0");

        var error = Assert.Throws<NetlinkException>(() => ns.CreateVeth("vh-dup", "eth1"));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Equal("EEXIST", error.ErrorName);
        Assert.StartsWith("RTM_NEWLINK veth vh-dup peer eth1", error.Operation, StringComparison.Ordinal);
        Assert.Contains("EEXIST", error.Message, StringComparison.Ordinal);
        Assert.Null(ns.PodLink.GetLink("eth1"));
    }

    [RootFact]
    public void CreateVeth_PeerNameTakenInPod_FailsAndCreatesNothingOnHost()
    {
        using var ns = TwoNamespaces.Create();
        ns.PodLink.CreateNic("eth0");

        var error = Assert.Throws<NetlinkException>(() => ns.CreateVeth("vh-taken", "eth0"));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Null(ns.HostLink.GetLink("vh-taken"));
    }

    [RootFact]
    public void DeleteLink_Existing_RemovesBothEnds_ThenAlreadyGone()
    {
        using var ns = TwoNamespaces.Create();
        var host = ns.CreateVeth("vh-del", "eth0");

        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteLink("vh-del"));

        Assert.Null(ns.HostLink.GetLink(host.Index));
        Assert.Null(ns.PodLink.GetLink("eth0"));
        Assert.Equal(DeleteOutcome.AlreadyGone, ns.HostLink.DeleteLink("vh-del"));
        Assert.Equal(DeleteOutcome.AlreadyGone, ns.HostLink.DeleteLink(host.Index));
    }

    [RootFact]
    public void SetLink_UpDownMtuMac_AreApplied()
    {
        using var ns = TwoNamespaces.Create();
        var link = ns.HostLink.CreateNic("dm-set");
        var mac = PhysicalAddress.Parse("02-AA-BB-CC-DD-EE");

        ns.HostLink.SetLinkUp(link.Index);
        ns.HostLink.SetLinkMtu(link.Index, 9001);
        ns.HostLink.SetLinkMac(link.Index, mac);
        var changed = ns.HostLink.GetLink(link.Index)!;
        ns.HostLink.SetLinkUp(link.Index, up: false);

        Assert.Equal((true, 9001, mac), (changed.IsUp, changed.Mtu, changed.Mac));
        Assert.False(ns.HostLink.GetLink("dm-set")!.IsUp);
        Assert.Contains("mtu 9001", ns.HostNs.Ip("link", "show", "dm-set").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public void FindLinkByMac_AndList_SeeOnlyThisNamespace()
    {
        using var ns = TwoNamespaces.Create();
        var mac = PhysicalAddress.Parse("02-00-00-00-0E-01");
        var eni = ns.HostLink.CreateNic("eni-a", mac, mtu: 9001);

        var found = ns.HostLink.FindLinkByMac(mac);

        Assert.Equal(eni.Index, found?.Index);
        Assert.Null(ns.PodLink.FindLinkByMac(mac));
        Assert.Equal(["eni-a", "eni-a-p", "lo"], ns.HostLink.ListLinks().Select(link => link.Name).Order().ToArray());
    }

    [RootFact]
    public void SetLinkMtu_MissingLink_ThrowsEnodevNamingIndex()
    {
        using var ns = TwoNamespaces.Create();

        var error = Assert.Throws<NetlinkException>(() => ns.HostLink.SetLinkMtu(4242, 1500));

        Assert.Equal(Errno.ENODEV, error.Errno);
        Assert.Contains("ifindex 4242", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-name-longer-than-15")]
    [InlineData("has/slash")]
    [InlineData("has space")]
    public void LinkCalls_InvalidName_ThrowArgumentExceptionBeforeAnyRequest(string name)
    {
        var fake = new FakeTransport();
        using var socket = new NetlinkSocket(new(fake));

        Assert.ThrowsAny<ArgumentException>(() => socket.GetLink(name));
        Assert.ThrowsAny<ArgumentException>(() => socket.DeleteLink(name));
        Assert.ThrowsAny<ArgumentException>(() => socket.CreateVeth(new() { Name = "ok", PeerName = name }));
        Assert.Empty(fake.Sent);
    }
}
