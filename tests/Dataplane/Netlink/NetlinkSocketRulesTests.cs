using System.Net.Sockets;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Testing;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

public sealed class NetlinkSocketRulesTests
{
    [RootFact]
    public void AddRule_PodAndEniRulesAtTheirPriorities_AreListedInOrderAndShownByIp()
    {
        using var ns = TwoNamespaces.Create();
        var toPod = new Rule { Priority = 512, To = Cidr.Parse("10.0.1.7/32"), Table = 254 };
        var fromPod = new Rule { Priority = 1536, From = Cidr.Parse("10.0.1.7/32"), Table = 3 };
        var fromEni = new Rule { Priority = 32765, From = Cidr.Parse("10.0.1.4/32"), Table = 1003 };

        ns.HostLink.AddRule(fromEni);
        ns.HostLink.AddRule(toPod);
        ns.HostLink.AddRule(fromPod);

        var ours = ns.HostLink.ListRules(AddressFamily.InterNetwork).Where(rule => rule.Protocol == RouteProtocol.Cloudnet).ToList();
        Assert.Equal([512, 1536, 32765], ours.Select(rule => rule.Priority ?? -1));
        Assert.Equal([toPod, fromPod, fromEni], ours);
        var shown = ns.HostNs.Ip("rule", "show").Stdout;
        Assert.Contains("512:\tfrom all to 10.0.1.7 lookup main proto 206", shown, StringComparison.Ordinal);
        Assert.Contains("1536:\tfrom 10.0.1.7 lookup 3 proto 206", shown, StringComparison.Ordinal);
        Assert.Contains("32765:\tfrom 10.0.1.4 lookup 1003 proto 206", shown, StringComparison.Ordinal);
    }

    [RootFact]
    public void AddRule_Duplicate_ThrowsEexistWithOperation()
    {
        using var ns = TwoNamespaces.Create();
        var rule = new Rule { Priority = 1536, From = Cidr.Parse("10.0.1.8/32"), Table = 2 };
        ns.HostLink.AddRule(rule);

        var error = Assert.Throws<NetlinkException>(() => ns.HostLink.AddRule(rule));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Equal("RTM_NEWRULE 1536: from 10.0.1.8/32 lookup 2", error.Operation);
    }

    [RootFact]
    public void DeleteRule_Existing_Deleted_ThenAlreadyGone()
    {
        using var ns = TwoNamespaces.Create();
        var rule = new Rule { Priority = 512, To = Cidr.Parse("10.0.1.9/32") };
        ns.HostLink.AddRule(rule);

        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteRule(rule));
        Assert.Equal(DeleteOutcome.AlreadyGone, ns.HostLink.DeleteRule(rule));
        Assert.DoesNotContain(ns.HostLink.ListRules(AddressFamily.InterNetwork), listed => listed.Priority == 512);
    }

    [RootFact]
    public void AddRule_FwMarkWithMaskAndIif_RoundTrips()
    {
        using var ns = TwoNamespaces.Create();
        var rule = new Rule { Priority = 1024, FwMark = 0x80, FwMask = 0x80, IifName = "eth0", Table = 254 };

        ns.HostLink.AddRule(rule);

        Assert.Contains(rule, ns.HostLink.ListRules(AddressFamily.InterNetwork));
        Assert.Contains("1024:\tfrom all fwmark 0x80/0x80 iif eth0 [detached] lookup main proto 206", ns.HostNs.Ip("rule", "show").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public void AddRule_IPv6_RoundTrips()
    {
        using var ns = TwoNamespaces.Create();
        var rule = new Rule { Priority = 1536, From = Cidr.Parse("fd00:10::5/128"), Table = 1002 };

        ns.HostLink.AddRule(rule);

        Assert.Contains(rule, ns.HostLink.ListRules(AddressFamily.InterNetworkV6));
        Assert.DoesNotContain(rule, ns.HostLink.ListRules(AddressFamily.InterNetwork));
        Assert.Equal(DeleteOutcome.Deleted, ns.HostLink.DeleteRule(rule));
    }
}
