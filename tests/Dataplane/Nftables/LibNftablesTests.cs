using System.Text.Json;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Nftables;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Nftables;

public sealed class LibNftablesTests : IDisposable
{
    private const string SnatV1 = """
        chain postrouting {
            type nat hook postrouting priority srcnat; policy accept;
            ip daddr != 10.0.0.0/16 snat ip to 10.0.0.4
        }
        """;

    private const string SnatV2 = """
        set excluded { type ipv4_addr; flags interval; elements = { 10.0.0.0/16, 192.168.0.0/16 } }
        chain postrouting {
            type nat hook postrouting priority srcnat; policy accept;
            ip daddr != @excluded snat ip to 10.0.0.5
        }
        """;

    private readonly ThrowawayNamespace _node;
    private readonly NetworkNamespace _ns;
    private readonly LibNftables _nft;

    public LibNftablesTests()
    {
        // Only [RootFact]s live here: the constructor needs root to make the namespace.
        _node = ThrowawayNamespace.Create();
        try
        {
            _ns = NetworkNamespace.Open(_node.Path);
        }
        catch
        {
            _node.Dispose();
            throw;
        }

        _nft = new LibNftables(_ns);
    }

    [RootFact]
    public void ApplyTable_New_IsInstalledInTheNamespaceOnly()
    {
        _nft.ApplyTable(new NftTable(NftFamily.Inet, "cloudnet", SnatV1));

        var listed = _node.Exec("nft", "list", "table", "inet", "cloudnet").EnsureSuccess().Stdout;
        Assert.Contains("ip daddr != 10.0.0.0/16 snat ip to 10.0.0.4", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("cloudnet", Command.Run("nft", "list", "tables").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public void ApplyTable_Existing_ReplacesWholeTable_LeavesOtherTablesAlone()
    {
        _node.Exec("nft", "add", "table", "ip", "theirs").EnsureSuccess();
        _node.Exec("nft", "add", "chain", "ip", "theirs", "keep").EnsureSuccess();
        _nft.ApplyTable(new NftTable(NftFamily.Inet, "cloudnet", SnatV1));

        _nft.ApplyTable(new NftTable(NftFamily.Inet, "cloudnet", SnatV2));

        var ours = _node.Exec("nft", "list", "table", "inet", "cloudnet").EnsureSuccess().Stdout;
        Assert.Contains("snat ip to 10.0.0.5", ours, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.4", ours, StringComparison.Ordinal);
        Assert.Contains("set excluded", ours, StringComparison.Ordinal);
        Assert.Contains("chain keep", _node.Exec("nft", "list", "table", "ip", "theirs").EnsureSuccess().Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public void ApplyTable_InvalidBody_ThrowsWithNftError_AndKeepsTheOldTable()
    {
        _nft.ApplyTable(new NftTable(NftFamily.Inet, "cloudnet", SnatV1));

        var error = Assert.Throws<NftablesException>(
            () => _nft.ApplyTable(new NftTable(NftFamily.Inet, "cloudnet", "chain broken { this is not nft }")));

        Assert.Contains("replace table inet cloudnet", error.Message, StringComparison.Ordinal);
        Assert.Contains("Error", error.Detail, StringComparison.Ordinal);
        Assert.Contains("snat ip to 10.0.0.4", _node.Exec("nft", "list", "table", "inet", "cloudnet").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public void DeleteTable_Existing_Deleted_ThenAlreadyGone()
    {
        _nft.ApplyTable(new NftTable(NftFamily.Inet, "cloudnet", SnatV1));

        Assert.Equal(DeleteOutcome.Deleted, _nft.DeleteTable(NftFamily.Inet, "cloudnet"));
        Assert.Equal(DeleteOutcome.AlreadyGone, _nft.DeleteTable(NftFamily.Inet, "cloudnet"));
        Assert.DoesNotContain("cloudnet", _node.Exec("nft", "list", "tables").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public void ListTableJson_Existing_IsNftJson_MissingIsNull()
    {
        Assert.Null(_nft.ListTableJson(NftFamily.Inet, "cloudnet"));
        _nft.ApplyTable(new NftTable(NftFamily.Inet, "cloudnet", SnatV2));

        var json = _nft.ListTableJson(NftFamily.Inet, "cloudnet");

        using var document = JsonDocument.Parse(json!);
        var objects = document.RootElement.GetProperty("nftables").EnumerateArray().ToList();
        Assert.Contains(objects, o => o.TryGetProperty("table", out var t) && t.GetProperty("name").GetString() == "cloudnet");
        Assert.Contains(objects, o => o.TryGetProperty("chain", out var c) && c.GetProperty("name").GetString() == "postrouting");
        Assert.Contains(objects, o => o.TryGetProperty("set", out var s) && s.GetProperty("name").GetString() == "excluded");
    }

    [RootFact]
    public void Execute_ElementUpdate_AppliesAsOneTransaction()
    {
        _nft.ApplyTable(new NftTable(NftFamily.Inet, "cloudnet", SnatV2));

        _nft.Execute("add element inet cloudnet excluded { 172.16.0.0/12 }");

        Assert.Contains("172.16.0.0/12", _node.Exec("nft", "list", "set", "inet", "cloudnet", "excluded").Stdout, StringComparison.Ordinal);
        var error = Assert.Throws<NftablesException>(() => _nft.Execute("add element inet cloudnet nosuchset { 1.2.3.4 }"));
        Assert.Contains("add element inet cloudnet nosuchset", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ns.Dispose();
        _node.Dispose();
    }
}
