using System.Text;
using System.Text.Json;
using Cloudnet.Cni.Protocol;

namespace Cloudnet.Cni.Tests.Protocol;

/// <summary>The stdin reader keeps JsonSerializer's semantics for the configuration.</summary>
public class NetConfReaderTests
{
    private static NetConfDocument? Read(string json) => NetConfReader.ReadNetConf(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ReadNetConf_EveryField_MappedCaseInsensitively()
    {
        var doc = Read("""
            {"CNIVERSION":"1.1.0","Name":"n","type":"cloudnet","socketpath":"/s","MTU":9001,"vethPrefix":"eni",
             "logFile":"/l","logLevel":"debug","timeoutSeconds":2.5,"stateDir":"/d","ipam":{"type":"x"},"ipMasq":true,
             "dns":{"Nameservers":["10.0.0.2"],"domain":"d","search":["a","b"],"options":["ndots:5"]},
             "prevResult":{"cniVersion":"1.0.0"},"cni.dev/valid-attachments":[{"containerID":"c","ifname":"eth0"}],"unknown":[1,{"x":2}]}
            """)!;

        Assert.Equal(("1.1.0", "n", "cloudnet", "/s", 9001, "eni"), (doc.CniVersion, doc.Name, doc.Type, doc.SocketPath, doc.Mtu, doc.VethPrefix));
        Assert.Equal(("/l", "debug", 2.5, "/d", true), (doc.LogFile, doc.LogLevel, doc.TimeoutSeconds, doc.StateDir, doc.IPMasq));
        Assert.Equal("x", doc.Ipam!.Value.GetProperty("type").GetString());
        Assert.Equal(["10.0.0.2"], doc.Dns!.Nameservers!);
        Assert.Equal(("d", 2, "ndots:5"), (doc.Dns.Domain, doc.Dns.Search!.Count, doc.Dns.Options![0]));
        Assert.Equal("1.0.0", doc.PrevResult!.Value.GetProperty("cniVersion").GetString());
        var attachment = Assert.Single(doc.ValidAttachments!);
        Assert.Equal(("c", "eth0"), (attachment.ContainerId, attachment.IfName));
    }

    [Fact]
    public void ReadNetConf_NullsAndRepeatedKeys_NullUnsetsLastWins()
    {
        var doc = Read("""{"name":"a","name":"b","mtu":null,"dns":null,"prevResult":null}""")!;

        Assert.Equal("b", doc.Name);
        Assert.Null(doc.Mtu);
        Assert.Null(doc.Dns);
        Assert.Equal(JsonValueKind.Null, doc.PrevResult!.Value.ValueKind);
    }

    [Fact]
    public void ReadNetConf_JsonNull_ReturnsNull() => Assert.Null(Read("null"));

    [Theory]
    [InlineData("""{"mtu":"big"}""")]
    [InlineData("""{"mtu":1.5}""")]
    [InlineData("""{"name":5}""")]
    [InlineData("""{"ipMasq":"yes"}""")]
    [InlineData("""{"dns":{"nameservers":"10.0.0.2"}}""")]
    [InlineData("""{"cni.dev/valid-attachments":{}}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"name":"n",}""")]
    [InlineData("""{"name":"n"} // comment""")]
    [InlineData("")]
    public void ReadNetConf_WrongTypeOrSyntax_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => Read(json));

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0"}""", "1.0.0")]
    [InlineData("""{"CniVersion":"0.4.0","other":1}""", "0.4.0")]
    [InlineData("""{}""", null)]
    [InlineData("""null""", null)]
    public void ReadCniVersion_Object_ReturnsVersion(string json, string? expected) =>
        Assert.Equal(expected, NetConfReader.ReadCniVersion(Encoding.UTF8.GetBytes(json)));
}
