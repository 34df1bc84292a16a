using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudnet.Testing;
using Cloudnet.Testing.Daemon;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>cloudnet as the first plugin of a conflist followed by Debian's reference portmap and bandwidth.</summary>
[Collection(CniBinaryGroup.Name)]
public sealed class ChainingTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly HostNamespace _host = HostNamespace.Create();
    private readonly ThrowawayNamespace _pod = ThrowawayNamespace.Create("cnp");

    [RootFact]
    public async Task Conflist_CloudnetPortmapBandwidth_AddCheckDelAndNothingLeftBehind()
    {
        var linksBefore = _host.Namespace.Ip("-o", "link", "show").Stdout;
        var conflist = $$$"""
            {"cniVersion":"1.0.0","name":"chain","plugins":[
              {"type":"cloudnet","socketPath":"{{{fixture.Daemon.SocketPath}}}","stateDir":"{{{fixture.Daemon.StateDir}}}"},
              {"type":"portmap","capabilities":{"portMappings":true}},
              {"type":"bandwidth","capabilities":{"bandwidth":true}}]}
            """;
        var bin = Path.GetDirectoryName(PublishedBinaries.Locate("cloudnet"))!;
        var runner = new ConflistRunner(_host, conflist, $"{bin}:/usr/lib/cni")
        {
            RuntimeConfig = new JsonObject
            {
                ["portMappings"] = new JsonArray(new JsonObject { ["hostPort"] = 18080, ["containerPort"] = 80, ["protocol"] = "tcp" }),
                ["bandwidth"] = new JsonObject { ["ingressRate"] = 10_000_000, ["ingressBurst"] = 1_000_000, ["egressRate"] = 10_000_000, ["egressBurst"] = 1_000_000 },
            },
        };

        var (result, failure) = runner.Add("chained", _pod.Path);

        Assert.True(failure is null, failure?.Stdout + failure?.Stderr);
        var json = JsonDocument.Parse(result!).RootElement;
        var address = IPAddress.Parse(json.GetProperty("ips")[0].GetProperty("address").GetString()!.Split('/')[0]);
        Assert.Contains($"chained/eth0={address}", await fixture.AllocationsAsync());
        Assert.Contains("18080", _host.Namespace.Exec("iptables-save", "-t", "nat").Stdout, StringComparison.Ordinal);
        Assert.Contains("tbf", _host.Namespace.Exec("tc", "qdisc", "show").Stdout, StringComparison.Ordinal);
        Assert.True(_host.Namespace.Ping(address));
        // Debian's portmap 1.1.1 CHECK looks for an IPv6 DNAT chain it never made for an IPv4-only pod
        // ("could not check ipv6 dnat"), so CHECK runs through cloudnet and bandwidth only.
        Assert.Empty(runner.Run("CHECK", "chained", _pod.Path, result, skipType: "portmap"));

        var delFailures = runner.Run("DEL", "chained", _pod.Path, result);

        Assert.Empty(delFailures);
        Assert.Equal(linksBefore, _host.Namespace.Ip("-o", "link", "show").Stdout);
        Assert.DoesNotContain("18080", _host.Namespace.Exec("iptables-save", "-t", "nat").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("chained/", string.Join(",", await fixture.AllocationsAsync()), StringComparison.Ordinal);
        Assert.Empty(runner.Run("DEL", "chained", _pod.Path, result));
    }

    public void Dispose()
    {
        _pod.Dispose();
        _host.Dispose();
    }
}
