using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Bgp;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Providers.BareMetal.Tests.Bgp;

/// <summary>The control protocol against a real bird2 running in a throwaway namespace.</summary>
public class BirdControlClientTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [RootFact]
    public async Task ShowProtocolsAsync_RunningBird_ListsRenderedProtocols()
    {
        using var netns = ThrowawayNamespace.Create();
        using var bird = BirdProcess.Start(netns, Render([Cidr.Parse("10.244.0.0/26")]));
        await using var client = await BirdControlClient.ConnectAsync(bird.SocketPath, Ct);

        var protocols = await client.ShowProtocolsAsync(Ct);

        Assert.Contains(protocols, p => p is { Name: "cloudnet_blocks4", Proto: "Static", State: "up" });
        Assert.Contains(protocols, p => p is { Name: "cloudnet_kernel4", Proto: "Kernel" });
        var peer = Assert.Single(protocols, p => p.IsBgp);
        Assert.Equal("peer_198_18_0_2", peer.Name);
        Assert.False(peer.IsEstablished);
    }

    [RootFact]
    public async Task ConfigureAsync_ChangedFile_BirdAnnouncesNewBlock()
    {
        using var netns = ThrowawayNamespace.Create();
        using var bird = BirdProcess.Start(netns, Render([]));
        await using var client = await BirdControlClient.ConnectAsync(bird.SocketPath, Ct);

        await File.WriteAllTextAsync(bird.ConfigPath, Render([Cidr.Parse("10.244.0.64/26")]), Ct);
        await client.CheckConfigAsync(bird.ConfigPath, Ct);
        var reply = await client.ConfigureAsync(Ct);
        var routes = await client.SendAsync("show route protocol cloudnet_blocks4", Ct);

        Assert.Equal(3, reply.Code);
        Assert.Contains("10.244.0.64/26", routes.Text, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task CheckConfigAsync_BrokenFile_BirdExceptionWithBirdsMessage()
    {
        using var netns = ThrowawayNamespace.Create();
        using var bird = BirdProcess.Start(netns, Render([]));
        await using var client = await BirdControlClient.ConnectAsync(bird.SocketPath, Ct);
        var broken = Path.Combine(bird.Directory, "broken.conf");
        await File.WriteAllTextAsync(broken, "router id 1.2.3.4;\nprotocol nonsense {\n", Ct);

        var error = await Assert.ThrowsAsync<BirdException>(() => client.CheckConfigAsync(broken, Ct));

        Assert.Contains("broken.conf", error.Message, StringComparison.Ordinal);
        Assert.Contains("configure check", error.Message, StringComparison.Ordinal);
        var stillRunning = await client.ShowProtocolsAsync(Ct);
        Assert.NotEmpty(stillRunning);
    }

    [Fact]
    public async Task ConnectAsync_NoBird_BirdExceptionNamingSocket()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cloudnet-no-bird-{Guid.NewGuid():N}.ctl");

        var error = await Assert.ThrowsAsync<BirdException>(() => BirdControlClient.ConnectAsync(path, Ct));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShowProtocolsWithDateAndInfo_Columns()
    {
        var reply = new BirdReply(
        [
            new BirdReplyLine(2002, "Name       Proto      Table      State  Since         Info"),
            new BirdReplyLine(1002, "peer_a     BGP        ---        up     2026-01-02 10:36:06  Established"),
            new BirdReplyLine(1002, "peer_b     BGP        ---        start  10:36:06.476  Active        Socket: Connection refused"),
            new BirdReplyLine(0, ""),
        ]);

        var rows = BirdProtocolStatus.Parse(reply);

        Assert.Equal("2026-01-02 10:36:06", rows[0].Since);
        Assert.True(rows[0].IsEstablished);
        Assert.Equal("Active", rows[1].SessionState);
        Assert.Equal("Active Socket: Connection refused", rows[1].Info);
    }

    private static string Render(IReadOnlyList<Cidr> blocks) => BirdConfigRenderer.Render(new BirdConfig(
        IPAddress.Parse("198.18.0.1"), 64512, [.. blocks], [Cidr.Parse("10.244.0.0/16")],
        [new BgpPeer(BgpPeer.NameFor(IPAddress.Parse("198.18.0.2")), IPAddress.Parse("198.18.0.2"), 64512)]));
}
