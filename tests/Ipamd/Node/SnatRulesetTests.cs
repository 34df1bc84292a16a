using System.Net;
using Cloudnet.Dataplane.Nftables;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipamd.Node;

namespace Cloudnet.Ipamd.Tests.Node;

public class SnatRulesetTests
{
    private static readonly IPAddress Primary = IPAddress.Parse("10.0.0.10");

    [Fact]
    public void Build_DefaultSettings_SnatAndConnmarkGolden()
    {
        var settings = new EniNetworkSettings { ExcludeSnatCidrs = [Cidr.Parse("192.168.0.0/16"), Cidr.Parse("10.0.5.0/24")] };

        var table = SnatRuleset.Build(settings, "eth0", Primary, ["eth1", "eth0"], [Cidr.Parse("10.0.0.0/16"), Cidr.Parse("100.64.0.0/16")]);

        Assert.Equal(NftFamily.Ip, table.Family);
        Assert.Equal("cloudnet_snat", table.Name);
        Assert.Equal(
            """
            	set no_snat {
            		type ipv4_addr
            		flags interval
            		auto-merge
            		elements = { 10.0.0.0/16, 10.0.5.0/24, 100.64.0.0/16, 192.168.0.0/16 }
            	}

            	chain prerouting {
            		type filter hook prerouting priority mangle; policy accept;
            		iifname "eth0" fib daddr type local ct mark set ct mark | 0x00000080
            		iifname != { "eth0", "eth1" } ct mark & 0x00000080 == 0x00000080 meta mark set meta mark | 0x00000080
            		iifname != { "eth0", "eth1" } ip daddr != @no_snat fib daddr type != local meta mark set meta mark | 0x00000080
            	}

            	chain postrouting {
            		type nat hook postrouting priority srcnat; policy accept;
            		oifname "eth0" ip daddr != @no_snat ip saddr != 10.0.0.10 snat to 10.0.0.10 fully-random
            	}
            """.ReplaceLineEndings("\n"),
            table.Body);
    }

    [Fact]
    public void Build_ExternalSnat_OnlyConnmarkNoNat()
    {
        var table = SnatRuleset.Build(new EniNetworkSettings { ExternalSnat = true, Mark = 0x100 }, "ens5", Primary, ["ens5"], [Cidr.Parse("10.0.0.0/16")]);

        Assert.Equal(
            """
            	set no_snat {
            		type ipv4_addr
            		flags interval
            		auto-merge
            		elements = { 10.0.0.0/16 }
            	}

            	chain prerouting {
            		type filter hook prerouting priority mangle; policy accept;
            		iifname "ens5" fib daddr type local ct mark set ct mark | 0x00000100
            		iifname != { "ens5" } ct mark & 0x00000100 == 0x00000100 meta mark set meta mark | 0x00000100
            	}
            """.ReplaceLineEndings("\n"),
            table.Body);
        Assert.DoesNotContain("snat to", table.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoVpcCidrsKnown_SetHasNoElementsLine()
    {
        var table = SnatRuleset.Build(new EniNetworkSettings(), "eth0", Primary, ["eth0"], []);

        Assert.DoesNotContain("elements", table.Body, StringComparison.Ordinal);
        Assert.Contains("snat to 10.0.0.10", table.Body, StringComparison.Ordinal);
    }
}
