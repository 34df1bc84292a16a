using Cloudnet.Bench.Fleet;
using Cloudnet.Emulator.Control;

namespace Cloudnet.Providers.Aws.Tests.Fleet;

public sealed class FleetReportTests
{
    [Theory]
    [InlineData(50, 2.0)]
    [InlineData(95, 4.0)]
    [InlineData(100, 4.0)]
    [InlineData(25, 1.0)]
    public void Percentile_AllReady_NearestRank(double percent, double seconds)
    {
        TimeSpan?[] values = [S(4), S(1), S(3), S(2)];

        Assert.Equal(S(seconds), Percentile.Of(values, percent));
    }

    [Fact]
    public void Percentile_RankOnANodeNeverReady_Null()
    {
        TimeSpan?[] values = [S(1), null, S(2), S(3)];

        Assert.Equal(S(2), Percentile.Of(values, 50));
        Assert.Null(Percentile.Of(values, 95));
        Assert.Null(Percentile.Of(values, 100));
    }

    [Fact]
    public void Percentile_Empty_Null()
    {
        Assert.Null(Percentile.Of([], 50));
    }

    [Fact]
    public void Summary_Result_CountsThrottledPeakRestartsAndNotReady()
    {
        var result = new FleetSideResult(
            "aws-style",
            [new NodeOutcome("i-1", S(1), 0, null), new NodeOutcome("i-2", S(12), 1, "throttled"), new NodeOutcome("i-3", null, 3, "throttled")],
            new CallsSnapshot(9, 0, new Dictionary<string, ActionCalls>
            {
                ["AssignPrivateIpAddresses"] = new(4, 2, 2),
                ["DescribeNetworkInterfaces"] = new(5, 1, 1),
            }),
            new CallPeak(6, 2),
            "");

        var summary = FleetSummary.Of(result);

        Assert.Equal((9L, 3L, 3.0), (summary.Calls, summary.Throttled, summary.CallsPerNode));
        Assert.Equal((6L, 2L), (summary.PeakPerSecond, summary.PeakThrottledPerSecond));
        Assert.Equal((4, 2, 1), (summary.Restarts, summary.NodesRestarted, summary.NotReady));
        Assert.Equal((S(12), (TimeSpan?)null), (summary.ReadyP50, summary.ReadyMax));
        Assert.Equal("AssignPrivateIpAddresses 4 (2 throttled), DescribeNetworkInterfaces 5 (1 throttled)", summary.ByAction);
    }

    [Fact]
    public void Format_TwoSides_OneColumnEachAndNotReadyNamed()
    {
        var calls = new CallsSnapshot(2, 0, new Dictionary<string, ActionCalls> { ["DescribeNetworkInterfaces"] = new(2, 0, 0) });
        FleetSideResult[] results =
        [
            new("cloudnet", [new NodeOutcome("i-1", S(1.5), 0, null)], calls, new CallPeak(2, 0), "n1"),
            new("aws-style", [new NodeOutcome("i-2", null, 2, "boom")], calls, new CallPeak(2, 0), "n2"),
        ];

        var text = FleetReport.Format(results);

        Assert.Contains("|  | cloudnet | aws-style |", text, StringComparison.Ordinal);
        Assert.Contains("| warm pool ready p50 | 1.50 s | not ready |", text, StringComparison.Ordinal);
        Assert.Contains("| daemon restarts (nodes restarted) | 0 (0) | 2 (1) |", text, StringComparison.Ordinal);
        Assert.Contains("aws-style: not ready, e.g. i-2: boom", text, StringComparison.Ordinal);
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
