using System.Text.Json;
using Cloudnet.Cni.Tests.Fakes;
using Cloudnet.Contract.V1;
using Grpc.Core;

namespace Cloudnet.Cni.Tests.Commands;

public class CheckGcStatusVersionTests
{
    private readonly PluginHarness _h = new();

    private async Task<string> AddAsync(string container = "c1")
    {
        var add = await _h.RunAsync("ADD", PluginHarness.Config(), container);
        Assert.Equal(0, add.ExitCode);
        return add.Stdout!;
    }

    [Fact]
    public async Task Check_AfterAdd_Succeeds()
    {
        var prev = await AddAsync();

        var outcome = await _h.RunAsync("CHECK", PluginHarness.WithPrev(PluginHarness.Config(), prev));

        Assert.Equal(CniOutcome.Silent, outcome);
    }

    [Fact]
    public async Task Check_WithoutPrevResult_Code7()
    {
        await AddAsync();

        Assert.Equal(7, PluginHarness.ErrorCode(await _h.RunAsync("CHECK", PluginHarness.Config()), out _));
    }

    [Fact]
    public async Task Check_DaemonLostAllocation_Fails()
    {
        var prev = await AddAsync();
        _h.Daemon.Allocations.Clear();

        var outcome = await _h.RunAsync("CHECK", PluginHarness.WithPrev(PluginHarness.Config(), prev));

        Assert.Equal(102, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("no allocation", msg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_KernelStateWrong_FailsListingProblems()
    {
        var prev = await AddAsync();
        _h.Network.VerifyProblems.Add("default route via 169.254.1.1 dev eth0 is missing");

        var outcome = await _h.RunAsync("CHECK", PluginHarness.WithPrev(PluginHarness.Config(), prev));

        Assert.Equal(102, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("default route", msg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gc_PassesValidAttachmentsAndRemovesStaleHostVeths()
    {
        await AddAsync("keep");
        await AddAsync("stale");

        var outcome = await _h.RunAsync(new() { ["CNI_COMMAND"] = "GC" },
            PluginHarness.Config("1.1.0", ",\"cni.dev/valid-attachments\":[{\"containerID\":\"keep\",\"ifname\":\"eth0\"}]"));

        Assert.Equal(CniOutcome.Silent, outcome);
        var request = Assert.Single(_h.Daemon.GcRequests);
        Assert.Equal("cloudnet", request.NetworkName);
        Assert.Equal(new AttachmentKey { NetworkName = "cloudnet", ContainerId = "keep", IfName = "eth0" }, Assert.Single(request.Valid));
        Assert.Equal(("cloudnet", "keep", "eth0"), Assert.Single(_h.Daemon.Allocations.Keys));
        Assert.Single(_h.Network.HostVeths);
    }

    [Fact]
    public async Task Gc_Version100_Code1() =>
        Assert.Equal(1, PluginHarness.ErrorCode(await _h.RunAsync(new() { ["CNI_COMMAND"] = "GC" },
            PluginHarness.Config("1.0.0", ",\"cni.dev/valid-attachments\":[]")), out _));

    [Fact]
    public async Task Gc_WithoutValidList_Code7AndNothingReleased()
    {
        await AddAsync();

        var outcome = await _h.RunAsync(new() { ["CNI_COMMAND"] = "GC" }, PluginHarness.Config("1.1.0"));

        Assert.Equal(7, PluginHarness.ErrorCode(outcome, out _));
        Assert.Single(_h.Daemon.Allocations);
    }

    [Fact]
    public async Task Status_DaemonReady_SucceedsSilently() =>
        Assert.Equal(CniOutcome.Silent, await _h.RunAsync(new() { ["CNI_COMMAND"] = "STATUS" }, PluginHarness.Config("1.1.0")));

    [Fact]
    public async Task Status_DaemonUnreachable_Code50()
    {
        _h.Daemon.FailWith = StatusCode.Unavailable;

        var outcome = await _h.RunAsync(new() { ["CNI_COMMAND"] = "STATUS" }, PluginHarness.Config("1.1.0"));

        Assert.Equal(50, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("/run/test/ipamd.sock", msg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_CannotServeAdd_Code50WithReason()
    {
        _h.Daemon.Status = new StatusReply { Ready = true, CanServeAdd = false, Reason = "pool exhausted, at MAX_ENI" };

        var outcome = await _h.RunAsync(new() { ["CNI_COMMAND"] = "STATUS" }, PluginHarness.Config("1.1.0"));

        Assert.Equal(50, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("pool exhausted", msg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_InvalidConfig_Code51()
    {
        var outcome = await _h.RunAsync(new() { ["CNI_COMMAND"] = "STATUS" }, """{"cniVersion":"1.1.0","name":"n","vethPrefix":"BAD!"}""");

        Assert.Equal(51, PluginHarness.ErrorCode(outcome, out _));
        Assert.Empty(_h.Daemon.Calls);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0"}""", "1.0.0")]
    [InlineData("""{"cniVersion":"0.3.1"}""", "0.3.1")]
    [InlineData("", "1.1.0")]
    public async Task Version_EchoesInputVersionAndListsSupported(string stdin, string expected)
    {
        var outcome = await _h.RunAsync(new() { ["CNI_COMMAND"] = "VERSION" }, stdin);

        Assert.Equal(0, outcome.ExitCode);
        var json = JsonDocument.Parse(outcome.Stdout!).RootElement;
        Assert.Equal(expected, json.GetProperty("cniVersion").GetString());
        Assert.Equal(3, json.GetProperty("supportedVersions").GetArrayLength());
    }

    [Fact]
    public async Task Version_MalformedInput_Code6() =>
        Assert.Equal(6, PluginHarness.ErrorCode(await _h.RunAsync(new() { ["CNI_COMMAND"] = "VERSION" }, "{nope"), out _));

    [Fact]
    public async Task AnyCommand_ErrorResult_UsesConfigVersionWhenSupported()
    {
        var outcome = await _h.RunAsync(PluginHarness.Env("ADD", netns: "/nope"), PluginHarness.Config("0.4.0"));

        Assert.Equal("0.4.0", JsonDocument.Parse(outcome.Stdout!).RootElement.GetProperty("cniVersion").GetString());
    }
}
