using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Nftables;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Sysctl;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Testing;

namespace Cloudnet.Ipamd.Tests.Node;

public sealed class EniNodeNetworkTests : IDisposable
{
    private readonly EniTestTopology? _box = Privileges.IsRoot ? new EniTestTopology() : null;

    private EniTestTopology Box => _box!;

    [RootFact]
    public async Task ApplyAsync_SecondaryEni_LinkUpWithMtuAddressOwnTableRuleAndLooseRpFilter()
    {
        await Box.NodeNetwork().ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        var eth1 = Box.Netlink.GetLink("eth1")!;
        Assert.True(eth1.IsUp);
        Assert.Equal(9001, eth1.Mtu);
        Assert.Contains(Box.Netlink.ListAddresses(AddressFamily.InterNetwork, eth1.Index), a => a.Address.Equals(EniTestTopology.SecondaryIp) && a.PrefixLength == 19);
        var table = Box.Netlink.ListRoutes(AddressFamily.InterNetwork, 2);
        Assert.Contains(table, r => r.Destination == Cidr.Parse("0.0.0.0/0") && IPAddress.Parse("10.0.32.1").Equals(r.Gateway) && r.LinkIndex == eth1.Index);
        Assert.Contains(table, r => r.Destination == Cidr.Parse("10.0.32.1/32") && r.LinkIndex == eth1.Index);
        Assert.DoesNotContain(Box.Netlink.ListRoutes(AddressFamily.InterNetwork, 254), r => r.Destination == Cidr.Parse("10.0.32.0/19"));
        var rules = Box.Netlink.ListRules(AddressFamily.InterNetwork);
        Assert.Contains(rules, r => r.Priority == 32765 && r.From == Cidr.Parse("10.0.32.5/32") && r.Table == 2);
        Assert.Contains(rules, r => r.Priority == 1024 && r.FwMark == 0x80 && r.FwMask == 0x80 && r.Table == 254);
        Assert.Equal("2", new ProcSysctl(Box.NodeNamespace).Read(SysctlKeys.RpFilter("eth1")));
        Assert.NotNull(new LibNftables(Box.NodeNamespace).ListTableJson(NftFamily.Ip, "cloudnet_snat"));
    }

    [RootFact]
    public async Task ApplyAsync_Twice_ConvergesWithoutDuplicates()
    {
        var network = Box.NodeNetwork();

        await network.ApplyAsync(EniTestTopology.Description(), CancellationToken.None);
        await network.ApplyAsync(EniTestTopology.Description(), CancellationToken.None);
        await Box.NodeNetwork().ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        var rules = Box.Netlink.ListRules(AddressFamily.InterNetwork);
        Assert.Single(rules, r => r.Priority == 32765);
        Assert.Single(rules, r => r.Priority == 1024);
        Assert.Equal(2, Box.Netlink.ListRoutes(AddressFamily.InterNetwork, 2).Count);
    }

    [RootFact]
    public async Task ApplyAsync_EniGone_RemovesItsRuleAndTable()
    {
        var network = Box.NodeNetwork();
        await network.ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        await network.ApplyAsync(EniTestTopology.Description(withSecondary: false), CancellationToken.None);

        Assert.Empty(Box.Netlink.ListRoutes(AddressFamily.InterNetwork, 2));
        Assert.DoesNotContain(Box.Netlink.ListRules(AddressFamily.InterNetwork), r => r.Priority == 32765);
    }

    [RootFact]
    public async Task RemoveAsync_AfterApply_RemovesOursAndLeavesOtherOwnersAlone()
    {
        Box.Node.Exec("nft", "add table ip someone_else").EnsureSuccess();
        Box.Node.Ip("rule", "add", "from", "10.9.9.9/32", "lookup", "7", "priority", "32765").EnsureSuccess();
        Box.Node.Ip("route", "add", "10.9.0.0/16", "via", "10.0.0.1", "table", "7").EnsureSuccess();
        var network = Box.NodeNetwork();
        await network.ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        await network.RemoveAsync(CancellationToken.None);

        var nft = new LibNftables(Box.NodeNamespace);
        Assert.Null(nft.ListTableJson(NftFamily.Ip, "cloudnet_snat"));
        Assert.NotNull(nft.ListTableJson(NftFamily.Ip, "someone_else"));
        var rules = Box.Netlink.ListRules(AddressFamily.InterNetwork);
        Assert.DoesNotContain(rules, r => r.Priority == 1024);
        Assert.DoesNotContain(rules, r => r.From == Cidr.Parse("10.0.32.5/32"));
        Assert.Contains(rules, r => r.From == Cidr.Parse("10.9.9.9/32"));
        Assert.Single(Box.Netlink.ListRoutes(AddressFamily.InterNetwork, 7));
        Assert.Empty(Box.Netlink.ListRoutes(AddressFamily.InterNetwork, 2));
    }

    public void Dispose() => _box?.Dispose();
}
