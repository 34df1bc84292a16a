using System.Net;
using System.Runtime.CompilerServices;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Bgp;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Providers.BareMetal.Tests.Bgp;

/// <summary>
/// Golden files: the rendered configuration must equal Golden/NAME.conf byte for byte. After an
/// intended change, run with CLOUDNET_UPDATE_GOLDEN=1 to rewrite them and review the diff. Every
/// golden file is also parsed by the real bird (<c>bird -p</c>), so they are valid BIRD 2.
/// </summary>
public class BirdConfigRendererTests
{
    public static TheoryData<string> Cases => [.. Configs.Keys];

    private static readonly Dictionary<string, BirdConfig> Configs = new()
    {
        ["mesh-ipv4"] = new BirdConfig(
            IPAddress.Parse("198.18.0.1"), 64512,
            [Cidr.Parse("10.244.0.64/26"), Cidr.Parse("10.244.0.0/26")],
            [Cidr.Parse("10.244.0.0/16")],
            [Peer("198.18.0.3"), Peer("198.18.0.2")]),
        ["no-blocks-yet"] = new BirdConfig(
            IPAddress.Parse("198.18.0.1"), 64512, [], [Cidr.Parse("10.244.0.0/16")], [Peer("198.18.0.2")]),
        ["tor-dual-stack"] = new BirdConfig(
            IPAddress.Parse("192.0.2.10"), 64512,
            [Cidr.Parse("10.244.3.0/26"), Cidr.Parse("fd00:244::40/122")],
            [Cidr.Parse("10.244.0.0/16"), Cidr.Parse("fd00:244::/64")],
            [Peer("192.0.2.1:65000"), Peer("[2001:db8::1]:65000"), Peer("203.0.113.9:65001/multihop")]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_Config_MatchesGoldenFile(string name)
    {
        var rendered = BirdConfigRenderer.Render(Configs[name]);
        var path = Path.Combine(SourceDirectory(), "Golden", name + ".conf");

        if (Environment.GetEnvironmentVariable("CLOUDNET_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, rendered);
        }

        Assert.Equal(File.ReadAllText(path), rendered);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_Config_ParsesWithRealBird(string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cloudnet-bird-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, BirdConfigRenderer.Render(Configs[name]));
        try
        {
            // -p: parse the configuration and exit; touches no socket and no kernel table.
            var result = Command.Run("bird", "-p", "-c", file);

            Assert.True(result.Succeeded, $"bird -p rejected {name}: {result.Stderr}{result.Stdout}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Render_SameIntentDifferentOrder_SameText()
    {
        var a = Configs["mesh-ipv4"];
        var b = a with { OwnedBlocks = [.. a.OwnedBlocks.Reverse()], Peers = [.. a.Peers.Reverse()] };

        Assert.Equal(BirdConfigRenderer.Render(a), BirdConfigRenderer.Render(b));
        Assert.Equal(a, b with { OwnedBlocks = a.OwnedBlocks, Peers = a.Peers });
    }

    private static BgpPeer Peer(string text) =>
        BgpPeer.TryParse(text, 64512, out var peer) ? peer : throw new ArgumentException(text);

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
