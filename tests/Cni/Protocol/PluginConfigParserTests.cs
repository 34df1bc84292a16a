using System.Text;
using Cloudnet.Cni.Protocol;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Cni.Tests.Protocol;

public class PluginConfigParserTests
{
    private static PluginConfig Parse(string json) => PluginConfigParser.Parse(Encoding.UTF8.GetBytes(json), "ADD");

    private static CniException Fails(string json) => Assert.Throws<CniException>(() => Parse(json));

    [Fact]
    public void Parse_Minimal_AppliesDocumentedDefaults()
    {
        var config = Parse("""{"cniVersion":"1.0.0","name":"net1","type":"cloudnet"}""");

        Assert.Equal("/run/cloudnet/ipamd.sock", config.SocketPath);
        Assert.Equal("cnet", config.VethPrefix);
        Assert.Equal(0, config.Mtu);
        Assert.Equal(TimeSpan.FromSeconds(15), config.Timeout);
        Assert.Equal("/var/lib/cloudnet/spool", config.SpoolDir);
        Assert.Null(config.LogFile);
        Assert.Equal(LogLevel.Information, config.LogLevel);
        Assert.Null(config.PrevResult);
    }

    [Fact]
    public void Parse_AllFields_Read()
    {
        var config = Parse("""
            {"cniVersion":"1.1.0","name":"net1","type":"cloudnet","socketPath":"/tmp/s.sock","mtu":9001,
             "vethPrefix":"eni","logFile":"/var/log/c.log","logLevel":"debug","timeoutSeconds":2.5,
             "stateDir":"/tmp/state","dns":{"nameservers":["10.0.0.2"]},"args":{"labels":{"x":"y"}},
             "runtimeConfig":{"portMappings":[]},"someFutureKey":true}
            """);

        Assert.Equal(("/tmp/s.sock", 9001, "eni"), (config.SocketPath, config.Mtu, config.VethPrefix));
        Assert.Equal(("/var/log/c.log", LogLevel.Debug), (config.LogFile, config.LogLevel));
        Assert.Equal(TimeSpan.FromSeconds(2.5), config.Timeout);
        Assert.Equal("/tmp/state/spool", config.SpoolDir);
        Assert.Equal(["10.0.0.2"], config.Dns!.Nameservers!);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","mtu":"big"}""")]
    [InlineData("")]
    public void Parse_Undecodable_Code6(string json) => Assert.Equal(CniErrorCode.DecodingFailure, Fails(json).Code);

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.2.0")]
    [InlineData("2.0.0")]
    [InlineData("banana")]
    public void Parse_UnsupportedVersion_Code1(string version)
    {
        var ex = Fails($$"""{"cniVersion":"{{version}}","name":"n","type":"cloudnet"}""");

        Assert.Equal(CniErrorCode.IncompatibleVersion, ex.Code);
        Assert.Contains(version, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IpamSection_Code2NamingKeyAndValue()
    {
        var ex = Fails("""{"cniVersion":"1.0.0","name":"n","type":"cloudnet","ipam":{"type":"host-local"}}""");

        Assert.Equal(CniErrorCode.UnsupportedField, ex.Code);
        Assert.Contains("ipam=", ex.Message, StringComparison.Ordinal);
        Assert.Contains("host-local", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"name\":\"\"", "name")]
    [InlineData("\"name\":\"-bad\"", "name")]
    [InlineData("\"name\":\"n\",\"vethPrefix\":\"toolongprefix\"", "vethPrefix")]
    [InlineData("\"name\":\"n\",\"vethPrefix\":\"Caps\"", "vethPrefix")]
    [InlineData("\"name\":\"n\",\"mtu\":100", "mtu")]
    [InlineData("\"name\":\"n\",\"timeoutSeconds\":0", "timeoutSeconds")]
    [InlineData("\"name\":\"n\",\"socketPath\":\"relative.sock\"", "socketPath")]
    [InlineData("\"name\":\"n\",\"logLevel\":\"chatty\"", "logLevel")]
    [InlineData("\"name\":\"n\",\"stateDir\":\"rel\"", "stateDir")]
    public void Parse_InvalidValue_Code7NamingTheField(string fields, string field)
    {
        var ex = Fails($$"""{"cniVersion":"1.0.0","type":"cloudnet",{{fields}}}""");

        Assert.Equal(CniErrorCode.InvalidConfiguration, ex.Code);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingVersion_Code7() =>
        Assert.Equal(CniErrorCode.InvalidConfiguration, Fails("""{"name":"n","type":"cloudnet"}""").Code);

    [Fact]
    public void Parse_PrevResult040WithVersionField_Parsed()
    {
        var config = Parse("""
            {"cniVersion":"0.4.0","name":"n","type":"cloudnet","prevResult":{"cniVersion":"0.4.0",
             "interfaces":[{"name":"cnetabc","mac":"02:00:00:00:00:01"},{"name":"eth0","mac":"02:00:00:00:00:02","sandbox":"/run/netns/p"}],
             "ips":[{"version":"4","address":"10.0.1.5/32","gateway":"169.254.1.1","interface":1}],
             "routes":[{"dst":"0.0.0.0/0","gw":"169.254.1.1"}],"dns":{}}}
            """);

        var prev = config.PrevResult!;
        Assert.Equal(2, prev.Interfaces.Count);
        Assert.Equal("/run/netns/p", prev.Interfaces[1].Sandbox);
        Assert.Equal("10.0.1.5/32", prev.IPs[0].AddressText);
        Assert.Equal(1, prev.IPs[0].Interface);
        Assert.Equal("0.0.0.0/0", prev.Routes[0].Destination.ToString());
        Assert.Null(prev.Dns);
    }

    [Fact]
    public void Parse_PrevResultInterfaceIndexOutOfRange_Code7()
    {
        var ex = Fails("""{"cniVersion":"1.0.0","name":"n","prevResult":{"ips":[{"address":"10.0.0.1/32","interface":3}]}}""");

        Assert.Equal(CniErrorCode.InvalidConfiguration, ex.Code);
        Assert.Contains("prevResult", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidAttachments_Read()
    {
        var config = Parse("""
            {"cniVersion":"1.1.0","name":"n","cni.dev/valid-attachments":[{"containerID":"a","ifname":"eth0"},{"containerID":"b","ifname":"net1"}]}
            """);

        Assert.Equal([("a", "eth0"), ("b", "net1")], config.ValidAttachments!);
    }

    [Fact]
    public void Parse_CaseInsensitiveKeys_LikeGoDecoding() =>
        Assert.Equal("/x.sock", Parse("""{"CNIVersion":"1.0.0","Name":"n","SOCKETPATH":"/x.sock"}""").SocketPath);
}
