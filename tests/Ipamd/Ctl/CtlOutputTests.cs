using Cloudnet.Contract.Introspection;
using Cloudnet.Ctl.Commands;
using Cloudnet.Ctl.Introspection;

namespace Cloudnet.Ipamd.Tests.Ctl;

public sealed class CtlOutputTests
{
    private static readonly PoolView Pool = new("aws", "i-0abc", true, false, "pool exhausted", 20, 18, 0, 2, 1,
        [new("eni-1", "Eni", 0, true, 10, 0, 9, 1), new("eni-2", "Eni", 1, false, 10, 0, 9, 1)]);

    private static AllocationView Allocation(string id, string? netns) =>
        new("cloudnet", id, "eth0", "10.0.0." + id.Length, "eni-1", "default", "web-" + id, netns, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Status_PrintsReadinessReasonAndTotals()
    {
        var text = StatusCommand.Status(Pool);

        Assert.Contains("provider:       aws (node i-0abc)", text, StringComparison.Ordinal);
        Assert.Contains("ready:          yes", text, StringComparison.Ordinal);
        Assert.Contains("can serve ADD:  no (pool exhausted)", text, StringComparison.Ordinal);
        Assert.Contains("20 total, 18 assigned, 0 available, 2 cooling", text, StringComparison.Ordinal);
        Assert.Contains("waiting ADDs:   1", text, StringComparison.Ordinal);
        Assert.Contains("release delay:  0 s\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_HeldSurplus_ShowsTheLearnedDelayAndWhenItIsReleased()
    {
        var held = Pool with { ReleaseDelaySeconds = 600, ReleaseDueAt = new DateTimeOffset(2026, 11, 29, 7, 5, 0, TimeSpan.FromHours(1)) };

        var text = StatusCommand.Status(held);

        Assert.Contains("release delay:  600 s (surplus held until 06:05:00 UTC)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_OneAlignedRowPerInterface()
    {
        var lines = StatusCommand.Pool(Pool).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("INTERFACE", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("eni-1      Eni ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("eni-2", lines[2], StringComparison.Ordinal);
        Assert.Equal(lines[0].IndexOf("KIND", StringComparison.Ordinal), lines[1].IndexOf("Eni", StringComparison.Ordinal));
    }

    [Fact]
    public void Allocations_ShortensContainerIdsAndShowsPods()
    {
        var text = AllocationsCommand.Allocations([Allocation("0123456789abcdef0123", null)]);

        Assert.Contains("0123456789ab  eth0", text, StringComparison.Ordinal);
        Assert.Contains("default/web-0123456789abcdef0123", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaks_OnlyAllocationsWhoseNetnsIsGone()
    {
        var (text, leaks) = AllocationsCommand.Leaks(
            [Allocation("alive", "/run/netns/alive"), Allocation("dead", "/run/netns/dead"), Allocation("none", null)],
            netns => netns == "/run/netns/dead");

        Assert.Equal(1, leaks);
        Assert.Contains("dead", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alive", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaks_None_SaysSo()
    {
        var (text, leaks) = AllocationsCommand.Leaks([Allocation("alive", "/run/netns/alive")], _ => false);

        Assert.Equal(0, leaks);
        Assert.StartsWith("no leaks", text, StringComparison.Ordinal);
    }
}
