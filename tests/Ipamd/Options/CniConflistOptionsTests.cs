using System.Text.Json.Nodes;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Cloudnet.Ipamd.Tests.Options;

/// <summary>CLOUDNET_CNI_CONF_DIR and CLOUDNET_CNI_CONFLIST: read, checked at start, and the conflist built from them.</summary>
public sealed class CniConflistOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static OptionsResult Read(params (string Key, string Value)[] values) =>
        DaemonOptionsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    private static JsonNode CloudnetPlugin(byte[] conflist) =>
        JsonNode.Parse(conflist)!["plugins"]!.AsArray().Single(p => (string?)p!["type"] == "cloudnet")!;

    [Fact]
    public void Read_NeitherSet_NoConflistInstalled()
    {
        var result = Read();

        Assert.True(result.IsValid);
        Assert.Null(result.Options.CniConfDir);
        Assert.Null(result.Options.CniConflist);
        Assert.Null(result.Options.CniConflistTarget);
        Assert.Equal((null, []), CniConflistSource.Build(result.Options));
    }

    [Fact]
    public void Read_ConfDirOnly_BuiltInConflistWithTheDaemonsSocketAndStateDir()
    {
        var result = Read(("CLOUDNET_CNI_CONF_DIR", "/etc/cni/net.d"), ("CLOUDNET_SOCKET", "/run/cn/x.sock"), ("CLOUDNET_STATE_DIR", "/var/lib/cn-x"));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("/etc/cni/net.d/10-cloudnet.conflist", result.Options.CniConflistTarget);
        var (content, errors) = CniConflistSource.Build(result.Options);
        Assert.Empty(errors);
        var plugin = CloudnetPlugin(content!);
        Assert.Equal("/run/cn/x.sock", (string?)plugin["socketPath"]);
        Assert.Equal("/var/lib/cn-x", (string?)plugin["stateDir"]);
        Assert.Equal("1.0.0", (string?)JsonNode.Parse(content!)!["cniVersion"]);
    }

    [Fact]
    public void Read_OwnConflist_InstalledUnderItsNameWithOtherPluginsKept()
    {
        var source = _dir.Combine("20-mine.conflist");
        File.WriteAllText(source, """{ "cniVersion": "1.1.0", "name": "mine", "plugins": [ { "type": "cloudnet", "mtu": 1400 }, { "type": "tuning" } ] }""");

        var result = Read(("CLOUDNET_CNI_CONF_DIR", "/etc/cni/net.d"), ("CLOUDNET_CNI_CONFLIST", source));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("/etc/cni/net.d/20-mine.conflist", result.Options.CniConflistTarget);
        var content = CniConflistSource.Build(result.Options).Content!;
        Assert.Equal(new Cloudnet.Ipamd.Options.DaemonOptions().SocketPath, (string?)CloudnetPlugin(content)["socketPath"]);
        Assert.Equal(1400, (int?)CloudnetPlugin(content)["mtu"]);
        Assert.Equal(["cloudnet", "tuning"], JsonNode.Parse(content)!["plugins"]!.AsArray().Select(p => (string?)p!["type"]));
    }

    [Theory]
    [InlineData("CLOUDNET_CNI_CONF_DIR", "etc/cni/net.d", "CLOUDNET_CNI_CONF_DIR: 'etc/cni/net.d' is not an absolute path")]
    [InlineData("CLOUDNET_CNI_CONFLIST", "cni/10-x.conflist", "CLOUDNET_CNI_CONFLIST: 'cni/10-x.conflist' is not an absolute path")]
    public void Read_RelativePath_ErrorNamesTheVariable(string variable, string value, string expected)
    {
        var values = variable == "CLOUDNET_CNI_CONFLIST"
            ? new[] { ("CLOUDNET_CNI_CONF_DIR", "/etc/cni/net.d"), (variable, value) }
            : [(variable, value)];

        var result = Read(values);

        Assert.Contains(expected, result.Errors);
    }

    [Fact]
    public void Read_ConflistWithoutConfDir_ErrorSaysNothingWouldBeInstalled()
    {
        var result = Read(("CLOUDNET_CNI_CONFLIST", "/etc/cloudnet/10-cloudnet.conflist"));

        Assert.Contains(result.Errors, e => e.StartsWith("CLOUDNET_CNI_CONFLIST: '/etc/cloudnet/10-cloudnet.conflist' is set but CLOUDNET_CNI_CONF_DIR is not", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("missing.conflist", null, "does not exist")]
    [InlineData("a-directory.conflist", null, "is a directory")]
    [InlineData("10-x.json", "{ \"plugins\": [ { \"type\": \"cloudnet\" } ] }", "must be a file ending in .conflist")]
    [InlineData("10-x.conflist", "{ \"plugins\": [", "is not valid JSON")]
    [InlineData("10-x.conflist", "{ \"type\": \"cloudnet\" }", "has no \"plugins\" array")]
    [InlineData("10-x.conflist", "{ \"plugins\": [ { \"type\": \"bridge\" } ] }", "has no plugin of type \"cloudnet\"")]
    public void Read_UnusableConflist_ErrorNamesTheVariableAndTheFile(string name, string? text, string expected)
    {
        var path = _dir.Combine(name);
        if (name.StartsWith("a-directory", StringComparison.Ordinal))
        {
            Directory.CreateDirectory(path);
        }
        else if (text is not null)
        {
            File.WriteAllText(path, text);
        }

        var result = Read(("CLOUDNET_CNI_CONF_DIR", "/etc/cni/net.d"), ("CLOUDNET_CNI_CONFLIST", path));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("CLOUDNET_CNI_CONFLIST: ", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
