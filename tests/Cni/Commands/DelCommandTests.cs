using Cloudnet.Cni.Tests.Fakes;
using Grpc.Core;

namespace Cloudnet.Cni.Tests.Commands;

public class DelCommandTests
{
    private readonly PluginHarness _h = new();

    private async Task<string> AddAsync(int table = 254)
    {
        _h.Daemon.RouteTable = table;
        var add = await _h.RunAsync("ADD", PluginHarness.Config());
        Assert.Equal(0, add.ExitCode);
        return add.Stdout!;
    }

    [Fact]
    public async Task Del_AfterAdd_RemovesHostSideAndReleases()
    {
        var result = await AddAsync(table: 3);

        var outcome = await _h.RunAsync("DEL", PluginHarness.WithPrev(PluginHarness.Config(), result));

        Assert.Equal(CniOutcome.Silent, outcome);
        Assert.Empty(_h.Network.HostVeths);
        Assert.Empty(_h.Network.RuleAddresses);
        Assert.Empty(_h.Daemon.Allocations);
    }

    [Fact]
    public async Task Del_Twice_SecondSucceedsToo()
    {
        var result = await AddAsync();
        var config = PluginHarness.WithPrev(PluginHarness.Config(), result);

        await _h.RunAsync("DEL", config);
        var again = await _h.RunAsync("DEL", config);

        Assert.Equal(0, again.ExitCode);
        Assert.Null(again.Stdout);
    }

    [Fact]
    public async Task Del_WithoutPrevResultOrNetns_FindsHostVethByKeyAndRules()
    {
        await AddAsync(table: 3);

        var outcome = await _h.RunAsync(PluginHarness.Env("DEL", netns: null), PluginHarness.Config());

        Assert.Equal(0, outcome.ExitCode);
        Assert.Empty(_h.Network.HostVeths);
        Assert.Empty(_h.Network.RuleAddresses);
        Assert.Empty(_h.Daemon.Allocations);
    }

    [Fact]
    public async Task Del_NeverAdded_Succeeds()
    {
        var outcome = await _h.RunAsync("DEL", PluginHarness.Config());

        Assert.Equal(0, outcome.ExitCode);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task Del_DaemonUnreachable_TearsDownFromPrevResultAndSpools(StatusCode status)
    {
        var result = await AddAsync(table: 3);
        _h.Daemon.FailWith = status;

        var outcome = await _h.RunAsync("DEL", PluginHarness.WithPrev(PluginHarness.Config(), result));

        Assert.Equal(0, outcome.ExitCode);
        Assert.Empty(_h.Network.HostVeths);
        Assert.Empty(_h.Network.RuleAddresses);
        var (dir, release) = Assert.Single(_h.Spooled);
        Assert.Equal("/var/lib/test/spool", dir);
        Assert.Equal(("cloudnet", "c1", "eth0"), (release.NetworkName, release.ContainerId, release.IfName));
        Assert.Equal(_h.Time.GetUtcNow(), release.SpooledAt);
    }

    [Fact]
    public async Task Del_DaemonRejects_ErrorNotSpooled()
    {
        await AddAsync();
        _h.Daemon.FailWith = StatusCode.FailedPrecondition;

        var outcome = await _h.RunAsync("DEL", PluginHarness.Config());

        Assert.Equal(100, PluginHarness.ErrorCode(outcome, out _));
        Assert.Empty(_h.Spooled);
    }
}
