using System.Net;
using System.Text.Json;
using Cloudnet.Cni.Protocol;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Cni.Tests.Protocol;

public class ResultWriterTests
{
    private static readonly CniResult Sample = new(
        [new CniInterface("cnet0123456789a", "02:00:00:00:00:01", null, 9001), new CniInterface("eth0", "02:00:00:00:00:02", "/run/netns/p", 9001)],
        [new CniIPConfig(IPAddress.Parse("10.0.1.5"), 32, IPAddress.Parse("169.254.1.1"), 1)],
        [new CniRoute(Cidr.Parse("0.0.0.0/0"), IPAddress.Parse("169.254.1.1"))],
        new DnsDocument { Nameservers = ["10.0.0.2"] });

    private static JsonElement Write(string version) => JsonDocument.Parse(ResultWriter.Result(Sample, version)).RootElement;

    [Theory]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Result_AnyVersion_EchoesVersionAndCarriesSandboxIndexAndRoute(string version)
    {
        var json = Write(version);

        Assert.Equal(version, json.GetProperty("cniVersion").GetString());
        var pod = json.GetProperty("interfaces")[1];
        Assert.Equal("/run/netns/p", pod.GetProperty("sandbox").GetString());
        Assert.False(json.GetProperty("interfaces")[0].TryGetProperty("sandbox", out _));
        var ip = json.GetProperty("ips")[0];
        Assert.Equal("10.0.1.5/32", ip.GetProperty("address").GetString());
        Assert.Equal(1, ip.GetProperty("interface").GetInt32());
        Assert.Equal("169.254.1.1", ip.GetProperty("gateway").GetString());
        Assert.Equal("0.0.0.0/0", json.GetProperty("routes")[0].GetProperty("dst").GetString());
        Assert.Equal("10.0.0.2", json.GetProperty("dns").GetProperty("nameservers")[0].GetString());
    }

    [Fact]
    public void Error_MessageWithQuotesControlsAndNonAscii_EscapesOnlyWhatJsonRequires()
    {
        const string message = "daemon said \"no\" for 'fd00::1' <+&> in Zürich 🐧\\path\n\tend\u0001";

        var text = ResultWriter.Error("1.0.0", 11, message, null);

        Assert.Equal(message, JsonDocument.Parse(text).RootElement.GetProperty("msg").GetString());
        Assert.True(text.Contains("""\"no\" for 'fd00::1' <+&> in Zürich 🐧\\path\n\tend\u0001""", StringComparison.Ordinal), text);
    }

    [Fact]
    public void Result_040_IPsCarryVersion() =>
        Assert.Equal("4", Write("0.4.0").GetProperty("ips")[0].GetProperty("version").GetString());

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Result_100AndLater_IPsHaveNoVersion(string version) =>
        Assert.False(Write(version).GetProperty("ips")[0].TryGetProperty("version", out _));

    [Theory]
    [InlineData("0.4.0", false)]
    [InlineData("1.0.0", false)]
    [InlineData("1.1.0", true)]
    public void Result_InterfaceMtu_OnlyFrom110(string version, bool expected) =>
        Assert.Equal(expected, Write(version).GetProperty("interfaces")[0].TryGetProperty("mtu", out _));

    [Fact]
    public void Result_RoundTripsThroughParser()
    {
        var parsed = ResultParser.Parse(Write("1.1.0"));

        Assert.Equal(Sample.Interfaces, parsed.Interfaces);
        Assert.Equal(Sample.IPs, parsed.IPs);
        Assert.Equal(Sample.Routes, parsed.Routes);
    }

    [Fact]
    public void Error_HasSpecFields()
    {
        var json = JsonDocument.Parse(ResultWriter.Error("1.0.0", 11, "ADD container 'x': try later", "details here")).RootElement;

        Assert.Equal("1.0.0", json.GetProperty("cniVersion").GetString());
        Assert.Equal(11, json.GetProperty("code").GetInt32());
        Assert.Equal("ADD container 'x': try later", json.GetProperty("msg").GetString());
        Assert.Equal("details here", json.GetProperty("details").GetString());
    }

    [Fact]
    public void Version_ListsSupportedVersions()
    {
        var json = JsonDocument.Parse(ResultWriter.Version("0.4.0")).RootElement;

        Assert.Equal("0.4.0", json.GetProperty("cniVersion").GetString());
        Assert.Equal(["0.4.0", "1.0.0", "1.1.0"], json.GetProperty("supportedVersions").EnumerateArray().Select(e => e.GetString()!));
    }
}
