using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>The published daemon on the local provider with an IPv6 pool (CLOUDNET_POOL_CIDRS=fd00:10::/120).</summary>
public sealed class Ipv6DaemonFixture : IAsyncLifetime
{
    internal DaemonFixture Daemon { get; } = new() { PoolCidrs = "fd00:10::/120" };

    public Task InitializeAsync() => Daemon.InitializeAsync();

    public Task DisposeAsync() => Daemon.DisposeAsync();
}

/// <summary>
/// IPv6 pods through the published binary, per spec version: a /128 on the pod's interface (no
/// DAD), the link-local gateway fe80::1 as a permanent neighbour, the default route through it,
/// a /128 host route; ping6 host↔pod and pod↔pod right after ADD; CHECK; DEL leaves nothing.
/// </summary>
[Collection(CniBinaryGroup.Name)]
public sealed class Ipv6Tests(Ipv6DaemonFixture v6) : IClassFixture<Ipv6DaemonFixture>, IDisposable
{
    /// <summary>The host namespace's own IPv6 address (on lo): the source of host→pod packets.</summary>
    private static readonly IPAddress HostAddress = IPAddress.Parse("fd00:ffff::1");

    private readonly HostNamespace _host = CreateHost();
    private readonly ThrowawayNamespace _a = ThrowawayNamespace.Create("cnt");
    private readonly ThrowawayNamespace _b = ThrowawayNamespace.Create("cnt");

    [RootTheory]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public async Task AddCheckDelDel_IPv6Pool_WiresSlash128PodsThatReachEachOther(string version)
    {
        var fixture = v6.Daemon;
        var before = _host.Snapshot();
        var allocationsBefore = await fixture.AllocationsAsync();
        var config = fixture.Config(version);
        var tag = version.Replace(".", "", StringComparison.Ordinal);

        var addA = _host.Run("ADD", $"v6a{tag}", _a.Path, config);
        var addB = _host.Run("ADD", $"v6b{tag}", _b.Path, config);
        var a = AssertSpecResult(addA.Result(), version, _a);
        var b = AssertSpecResult(addB.Result(), version, _b);

        AssertPodWired(_a, a, HostVethMac(addA.Result()));
        AssertHostWired(a, HostVethName(addA.Result()));
        Assert.Contains($"v6a{tag}/eth0={a}", await fixture.AllocationsAsync());
        Assert.True(_host.Namespace.Ping(a), $"host cannot ping6 pod a {a}");
        Assert.True(_a.Ping(b), $"pod a cannot ping6 pod b {b}");
        Assert.True(_b.Ping(a), $"pod b cannot ping6 pod a {a}");
        Assert.True(_a.Ping(HostAddress), "pod a cannot ping6 the host");

        var prevA = DaemonFixture.WithPrev(config, addA.Stdout);
        var prevB = DaemonFixture.WithPrev(config, addB.Stdout);
        _host.Run("CHECK", $"v6a{tag}", _a.Path, prevA).Silent();
        _host.Run("DEL", $"v6a{tag}", _a.Path, prevA).Silent();
        Assert.False(_b.Ping(a, waitSeconds: 1), "pod a still answers after DEL");
        _host.Run("DEL", $"v6b{tag}", _b.Path, prevB).Silent();
        _host.Run("DEL", $"v6a{tag}", _a.Path, prevA).Silent();
        _host.Run("DEL", $"v6b{tag}", _b.Path, prevB).Silent();

        Assert.Equal(before, _host.Snapshot());
        Assert.Equal(allocationsBefore, await fixture.AllocationsAsync());
        Assert.DoesNotContain("eth0", _a.Ip("-o", "link", "show").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("eth0", _b.Ip("-o", "link", "show").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Add_PodNamespaceWithIPv6Disabled_EnablesItOnThePodInterfaceOnly()
    {
        var fixture = v6.Daemon;
        var config = fixture.Config();
        // As Docker leaves a namespace: IPv6 off for every interface, present and future.
        _a.Exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1").EnsureSuccess();

        var add = _host.Run("ADD", "v6off", _a.Path, config);
        var a = AssertSpecResult(add.Result(), "1.0.0", _a);

        AssertPodWired(_a, a, HostVethMac(add.Result()));
        Assert.Equal("0", _a.Exec("sysctl", "-n", "net.ipv6.conf.eth0.disable_ipv6").Stdout.Trim());
        Assert.Equal("1", _a.Exec("sysctl", "-n", "net.ipv6.conf.lo.disable_ipv6").Stdout.Trim());
        Assert.True(_host.Namespace.Ping(a), $"host cannot ping6 pod {a}");
        _host.Run("DEL", "v6off", _a.Path, DaemonFixture.WithPrev(config, add.Stdout)).Silent();
        Assert.DoesNotContain("v6off/", string.Join(",", await fixture.AllocationsAsync()), StringComparison.Ordinal);
    }

    /// <summary>Checks the result against the spec for <paramref name="version"/> and returns the pod address.</summary>
    private static IPAddress AssertSpecResult(JsonElement result, string version, ThrowawayNamespace pod)
    {
        Assert.Equal(version, result.GetProperty("cniVersion").GetString());
        var ip = Assert.Single(result.GetProperty("ips").EnumerateArray());
        Assert.Equal(version == "0.4.0" ? "6" : null, ip.TryGetProperty("version", out var v) ? v.GetString() : null);
        var cidr = ip.GetProperty("address").GetString()!.Split('/');
        Assert.Equal("128", cidr[1]);
        var address = IPAddress.Parse(cidr[0]);
        Assert.Equal(AddressFamily.InterNetworkV6, address.AddressFamily);
        Assert.Equal("fe80::1", ip.GetProperty("gateway").GetString());

        var interfaces = result.GetProperty("interfaces");
        var sandbox = interfaces[ip.GetProperty("interface").GetInt32()];
        Assert.Equal("eth0", sandbox.GetProperty("name").GetString());
        Assert.Equal(pod.Path, sandbox.GetProperty("sandbox").GetString());
        Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", sandbox.GetProperty("mac").GetString());

        var route = Assert.Single(result.GetProperty("routes").EnumerateArray());
        Assert.Equal("::/0", route.GetProperty("dst").GetString());
        Assert.Equal("fe80::1", route.GetProperty("gw").GetString());
        return address;
    }

    private static void AssertPodWired(ThrowawayNamespace pod, IPAddress address, string hostMac)
    {
        var addr = pod.Ip("-6", "addr", "show", "dev", "eth0").Stdout;
        var line = Assert.Single(addr.Split('\n'), l => l.Contains($"inet6 {address}/128", StringComparison.Ordinal));
        // Usable at once: no duplicate address detection, never "tentative".
        Assert.Contains("nodad", line, StringComparison.Ordinal);
        Assert.DoesNotContain("tentative", line, StringComparison.Ordinal);
        Assert.Contains($"fe80::1 dev eth0 lladdr {hostMac} PERMANENT", pod.Ip("-6", "neigh", "show").Stdout, StringComparison.Ordinal);
        Assert.Contains("default via fe80::1 dev eth0", pod.Ip("-6", "route", "show").Stdout, StringComparison.Ordinal);
    }

    private void AssertHostWired(IPAddress address, string hostVeth)
    {
        Assert.Contains($"{address} dev {hostVeth}", _host.Namespace.Ip("-6", "route", "show").Stdout, StringComparison.Ordinal);
        // The host end's link-local address (the source of its neighbour solicitations) must not
        // wait for DAD, or the first packets to the pod wait about two seconds.
        var hostAddr = _host.Namespace.Ip("-6", "addr", "show", "dev", hostVeth).Stdout;
        Assert.Contains("scope link", hostAddr, StringComparison.Ordinal);
        Assert.DoesNotContain("tentative", hostAddr, StringComparison.Ordinal);
    }

    private static string HostVethName(JsonElement result) => result.GetProperty("interfaces")[0].GetProperty("name").GetString()!;

    private static string HostVethMac(JsonElement result) => result.GetProperty("interfaces")[0].GetProperty("mac").GetString()!;

    private static HostNamespace CreateHost()
    {
        var host = HostNamespace.Create();
        host.Namespace.Ip("-6", "addr", "add", $"{HostAddress}/128", "dev", "lo").EnsureSuccess();
        return host;
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _host.Dispose();
    }
}
