using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Dataplane.Sysctl;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Sysctl;

public sealed class ProcSysctlTests
{
    [RootFact]
    public void Write_IpForwardInNamespace_ChangesOnlyThatNamespace()
    {
        using var node = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(node.Path);
        var sysctl = new ProcSysctl(ns);
        var processValue = new ProcSysctl().Read(SysctlKeys.IPv4Forwarding);
        using var other = ThrowawayNamespace.Create();
        // A new namespace starts with the host's IPv4 forwarding (net.core.devconf_inherit_init_net 0
        // copies init_net's), which is 1 on many CI hosts: write the other value, so the change shows.
        var initial = other.Exec("sysctl", "-n", "net.ipv4.ip_forward").Stdout.Trim();
        var written = initial == "1" ? "0" : "1";

        sysctl.Write(SysctlKeys.IPv4Forwarding, written);

        Assert.Equal(written, sysctl.Read("net.ipv4.ip_forward"));
        Assert.Equal(written, node.Exec("sysctl", "-n", "net.ipv4.ip_forward").Stdout.Trim());
        Assert.Equal(initial, other.Exec("sysctl", "-n", "net.ipv4.ip_forward").Stdout.Trim());
        Assert.Equal(processValue, new ProcSysctl().Read(SysctlKeys.IPv4Forwarding));
    }

    [RootFact]
    public void Write_PerInterfaceKeys_AreAppliedToThatInterface()
    {
        using var node = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(node.Path);
        node.Ip("link", "add", "eni.1", "type", "veth", "peer", "name", "eni-p").EnsureSuccess();
        var sysctl = new ProcSysctl(ns);
        // Both links start with the host's conf/default (a new namespace copies it): eni.1 gets the other
        // proxy_arp value, so a write that leaked to the peer would show.
        var peerProxyArp = sysctl.Read(SysctlKeys.ProxyArp("eni-p"));
        var proxyArp = peerProxyArp == "1" ? "0" : "1";

        sysctl.Write(SysctlKeys.RpFilter("eni.1"), "2");
        sysctl.Write(SysctlKeys.ProxyArp("eni.1"), proxyArp);
        sysctl.Write(SysctlKeys.AcceptRa("eni.1"), "0");

        Assert.Equal("2", node.Exec("cat", "/proc/sys/net/ipv4/conf/eni.1/rp_filter").Stdout.Trim());
        Assert.Equal(proxyArp, sysctl.Read(SysctlKeys.ProxyArp("eni.1")));
        Assert.Equal("0", sysctl.Read(SysctlKeys.AcceptRa("eni.1")));
        Assert.Equal(peerProxyArp, sysctl.Read(SysctlKeys.ProxyArp("eni-p")));
    }

    [RootFact]
    public void Read_MissingKey_ThrowsNamingKeyAndNamespace()
    {
        using var node = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(node.Path);

        var error = Assert.Throws<SysctlException>(() => new ProcSysctl(ns).Read(SysctlKeys.RpFilter("nosuchif")));

        Assert.Equal("net/ipv4/conf/nosuchif/rp_filter", error.Key);
        Assert.Contains(node.Path, error.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public void Write_InvalidValue_ThrowsSysctlException()
    {
        using var node = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(node.Path);

        var error = Assert.Throws<SysctlException>(() => new ProcSysctl(ns).Write(SysctlKeys.IPv4Forwarding, "not-a-number"));

        Assert.Contains("net/ipv4/ip_forward=not-a-number", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kernel/hostname")]
    [InlineData("net/../kernel/hostname")]
    [InlineData("net//ipv4")]
    public void Read_KeyOutsideNet_ThrowsArgumentException(string key)
    {
        Assert.Throws<ArgumentException>(() => new ProcSysctl().Read(key));
    }

    [Theory]
    [InlineData("net.ipv4.ip_forward", "net/ipv4/ip_forward")]
    [InlineData("net/ipv4/conf/eth0.100/rp_filter", "net/ipv4/conf/eth0.100/rp_filter")]
    public void Normalise_DottedAndSlashForms(string key, string expected)
    {
        Assert.Equal(expected, ProcSysctl.Normalise(key));
    }
}
