using System.Net;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>Real packets: pod↔pod and host↔pod through veths the published binary made.</summary>
[Collection(CniBinaryGroup.Name)]
public sealed class TrafficTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly HostNamespace _host = HostNamespace.Create();
    private readonly ThrowawayNamespace _a = ThrowawayNamespace.Create("cnp");
    private readonly ThrowawayNamespace _b = ThrowawayNamespace.Create("cnp");

    [RootFact]
    public void Ping_BetweenPodsAndHost_Answered()
    {
        var config = fixture.Config();
        var addA = _host.Run("ADD", "traffica", _a.Path, config);
        var addB = _host.Run("ADD", "trafficb", _b.Path, config);
        var a = AddressOf(addA);
        var b = AddressOf(addB);

        Assert.True(_a.Ping(b), $"pod a cannot reach pod b {b}");
        Assert.True(_b.Ping(a), $"pod b cannot reach pod a {a}");
        Assert.True(_host.Namespace.Ping(a), "host cannot reach pod a");
        Assert.True(_a.Ping(IPAddress.Parse(HostNamespace.HostAddress)), "pod a cannot reach the host");

        _host.Run("DEL", "traffica", _a.Path, DaemonFixture.WithPrev(config, addA.Stdout)).Silent();
        Assert.False(_b.Ping(a, waitSeconds: 1), "pod a still answers after DEL");
        _host.Run("DEL", "trafficb", _b.Path, DaemonFixture.WithPrev(config, addB.Stdout)).Silent();
    }

    private static IPAddress AddressOf(CniRun add) =>
        IPAddress.Parse(add.Result().GetProperty("ips")[0].GetProperty("address").GetString()!.Split('/')[0]);

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _host.Dispose();
    }
}
