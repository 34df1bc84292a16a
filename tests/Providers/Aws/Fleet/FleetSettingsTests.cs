using Cloudnet.Bench.Fleet;

namespace Cloudnet.Providers.Aws.Tests.Fleet;

public sealed class FleetSettingsTests
{
    [Fact]
    public void Parse_Options_Applied()
    {
        var settings = FleetArguments.Parse(["--nodes", "100", "--latency-ms", "50", "--bucket-scale", "0.5", "--sides", "aws-style", "--deadline-s", "120"]);

        Assert.Equal((100, 50, 0.5), (settings.Nodes, settings.LatencyMs, settings.BucketScale));
        Assert.Equal(["aws-style"], settings.Sides);
        Assert.Equal(TimeSpan.FromSeconds(120), settings.Deadline);
    }

    [Theory]
    [InlineData("--nodes", "0")]
    [InlineData("--nodes", "x")]
    [InlineData("--latency-ms", "-1")]
    [InlineData("--colour", "red")]
    public void Parse_BadOption_ThrowsNamingIt(string name, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => FleetArguments.Parse([name, value]));

        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Throttling_Default_EmulatorsPublishedBucketsEnabled()
    {
        var t = new FleetSettings().Throttling();

        Assert.True(t.Enabled);
        Assert.Equal((200, 5.0), (t.Mutating.Capacity, t.Mutating.RefillPerSecond));
        Assert.Equal((100, 20.0), (t.NonMutating.Capacity, t.NonMutating.RefillPerSecond));
    }

    [Fact]
    public void Throttling_Scaled_CapacityAndRefillScaled()
    {
        var t = new FleetSettings { BucketScale = 0.25 }.Throttling();

        Assert.Equal((50, 1.25), (t.Mutating.Capacity, t.Mutating.RefillPerSecond));
        Assert.Equal((25, 5.0), (t.NonMutating.Capacity, t.NonMutating.RefillPerSecond));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(5, 160)]
    [InlineData(6, 300)]
    [InlineData(40, 300)]
    public void RestartBackoff_Restart_KubeletCrashLoopDelays(int restart, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RestartBackoff.Before(restart));
    }
}
