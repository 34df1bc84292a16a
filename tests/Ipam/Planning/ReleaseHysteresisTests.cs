using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;
using Microsoft.Extensions.Time.Testing;
using static Cloudnet.Ipam.Tests.Planning.PoolStates;

namespace Cloudnet.Ipam.Tests.Planning;

// A surplus is given back only after it has lasted the release delay; growth is never held.
public class ReleaseHysteresisTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(5);

    // Two interfaces' worth free besides the assigned primary: WARM_ENI_TARGET=1 deletes eni-2.
    private static PoolPlan Surplus() => PoolPlanner.Plan(Node(Primary(assigned: 10), Nic(1, free: 10), Nic(2, free: 10)), new PoolTargets(), Limits());

    private static PoolPlan Shortage() => PoolPlanner.Plan(Node(Primary(assigned: 10)), new PoolTargets(), Limits());

    [Fact]
    public void Apply_SurplusShorterThanTheDelay_HeldWithTheReason()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, time);
        Assert.Equal([new DeleteInterface("eni-2")], Surplus().Actions);

        var first = hysteresis.Apply(Surplus());
        time.Advance(Delay - TimeSpan.FromSeconds(1));
        var later = hysteresis.Apply(Surplus());

        Assert.True(first.IsEmpty);
        Assert.True(later.IsEmpty);
        Assert.StartsWith("release held for 1 s more (surplus for 299 s, release delay 300 s): ", later.Reason, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(1), hysteresis.ReleaseDueAt);
    }

    [Fact]
    public void Apply_SurplusLastsTheDelay_ReleasedThenTheNextSurplusWaitsAgain()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, time);

        hysteresis.Apply(Surplus());
        time.Advance(Delay);
        var released = hysteresis.Apply(Surplus());
        var next = hysteresis.Apply(Surplus());

        Assert.Equal([new DeleteInterface("eni-2")], released.Actions);
        Assert.True(next.IsEmpty);
    }

    [Fact]
    public void Apply_PodsComeBackWithinTheDelay_NothingReleasedAndTheDelayStartsOver()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, time);

        hysteresis.Apply(Surplus());
        time.Advance(TimeSpan.FromMinutes(3));
        var grow = hysteresis.Apply(Shortage());
        hysteresis.Apply(Surplus());
        time.Advance(TimeSpan.FromMinutes(3));
        var afterSixMinutes = hysteresis.Apply(Surplus());

        Assert.False(grow.IsEmpty);
        Assert.True(afterSixMinutes.IsEmpty);
    }

    [Fact]
    public void Apply_EmptyPlanInBetween_EndsTheSurplus()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, time);

        hysteresis.Apply(Surplus());
        time.Advance(TimeSpan.FromMinutes(3));
        hysteresis.Apply(new PoolPlan([], "at target"));
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.True(hysteresis.Apply(Surplus()).IsEmpty);
        Assert.Null(new ReleaseHysteresis(Delay, time).ReleaseDueAt);
    }

    [Fact]
    public void Apply_GrowthPlan_PassesAtOnce()
    {
        var hysteresis = new ReleaseHysteresis(Delay, new FakeTimeProvider());

        var plan = hysteresis.Apply(Shortage());

        Assert.Equal(Shortage().Actions, plan.Actions);
        Assert.Null(hysteresis.ReleaseDueAt);
    }

    [Fact]
    public void Apply_DelayZero_ReleasesAtOnce()
    {
        var hysteresis = new ReleaseHysteresis(TimeSpan.Zero, new FakeTimeProvider());

        Assert.Equal([new DeleteInterface("eni-2")], hysteresis.Apply(Surplus()).Actions);
    }

    [Fact]
    public void Apply_GrowthWithinTheDelayOfARelease_DoublesTheDelay()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, TimeSpan.FromMinutes(30), time);

        Release(hysteresis, time);
        time.Advance(TimeSpan.FromMinutes(3));
        var grow = hysteresis.Apply(Shortage());
        hysteresis.Apply(Surplus());
        time.Advance(TimeSpan.FromMinutes(8));
        var afterEightMinutes = hysteresis.Apply(Surplus());

        Assert.False(grow.IsEmpty);
        Assert.Equal(TimeSpan.FromMinutes(10), hysteresis.Delay);
        Assert.True(afterEightMinutes.IsEmpty);
        Assert.Contains("release delay 600 s", afterEightMinutes.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_GrowthOnlyAfterTheDelayOfARelease_KeepsTheBaseDelay()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, TimeSpan.FromMinutes(30), time);

        Release(hysteresis, time);
        time.Advance(Delay);
        hysteresis.Apply(Shortage());

        Assert.Equal(Delay, hysteresis.Delay);
    }

    [Fact]
    public void Apply_PrematureReleasesInARow_DelayCappedAtTheMaximum()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, TimeSpan.FromMinutes(12), time);

        var seen = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            Release(hysteresis, time);
            time.Advance(TimeSpan.FromMinutes(1));
            hysteresis.Apply(Shortage());
            seen.Add(hysteresis.Delay);
        }

        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(12)], seen);
    }

    [Fact]
    public void Apply_ReleaseThatHeld_HalvesTheDelayBackToTheBase()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, TimeSpan.FromMinutes(30), time);
        for (var i = 0; i < 2; i++)
        {
            Release(hysteresis, time);
            time.Advance(TimeSpan.FromMinutes(1));
            hysteresis.Apply(Shortage());
        }

        var learned = hysteresis.Delay;
        var seen = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            Release(hysteresis, time);
            time.Advance(hysteresis.Delay);
            hysteresis.Apply(new PoolPlan([], "at target"));
            seen.Add(hysteresis.Delay);
        }

        Assert.Equal(TimeSpan.FromMinutes(20), learned);
        Assert.Equal([TimeSpan.FromMinutes(10), Delay, Delay], seen);
    }

    [Fact]
    public void Apply_WithoutAMaximum_DelayNeverChanges()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(Delay, time);

        Release(hysteresis, time);
        time.Advance(TimeSpan.FromMinutes(1));
        hysteresis.Apply(Shortage());

        Assert.Equal(Delay, hysteresis.Delay);
    }

    [Fact]
    public void Apply_DelayZeroWithAMaximum_StillReleasesAtOnce()
    {
        var time = new FakeTimeProvider();
        var hysteresis = new ReleaseHysteresis(TimeSpan.Zero, TimeSpan.FromMinutes(30), time);

        hysteresis.Apply(Surplus());
        hysteresis.Apply(Shortage());

        Assert.Equal(TimeSpan.Zero, hysteresis.Delay);
        Assert.Equal([new DeleteInterface("eni-2")], hysteresis.Apply(Surplus()).Actions);
    }

    [Fact]
    public void Constructor_MaximumBelowTheDelay_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReleaseHysteresis(Delay, TimeSpan.FromMinutes(1), TimeProvider.System));

    [Fact]
    public void Constructor_NegativeDelay_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReleaseHysteresis(TimeSpan.FromSeconds(-1), TimeProvider.System));

    // Holds a surplus for the current delay and releases it.
    private static void Release(ReleaseHysteresis hysteresis, FakeTimeProvider time)
    {
        hysteresis.Apply(Surplus());
        time.Advance(hysteresis.Delay);
        Assert.False(hysteresis.Apply(Surplus()).IsEmpty);
    }
}
