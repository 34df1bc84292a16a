using Cloudnet.Bench.AwsPolicy;

namespace Cloudnet.Providers.Aws.Tests.AwsStylePolicy;

/// <summary>The benchmark's schedule: the same events for both sides, pod counts as configured.</summary>
public sealed class ChurnScheduleTests
{
    [Fact]
    public void Events_NoWave_WarmUpThenEachStartReplacesTheOldest()
    {
        var schedule = new ChurnSchedule { Held = 3, Starts = 5, Interval = TimeSpan.FromSeconds(1), Settle = TimeSpan.FromSeconds(10) };

        var events = schedule.Events().ToList();

        Assert.Equal([0, 1, 2], events.Where(e => !e.InChurn).Select(e => e.Start!.Value));
        var churn = events.Where(e => e.InChurn).ToList();
        Assert.Equal([(0, 3), (1, 4), (2, 5), (3, 6), (4, 7)], churn.Select(e => (e.Delete!.Value, e.Start!.Value)));
        Assert.Equal(TimeSpan.FromSeconds(13), churn[0].At);
        Assert.Equal(TimeSpan.FromSeconds(17), churn[^1].At);
    }

    [Fact]
    public void Events_Wave_PodCountFollowsTheLevelsAndStartsAreCounted()
    {
        var schedule = new ChurnSchedule { Held = 2, Starts = 12, WaveHigh = 5, WavePeriod = TimeSpan.FromSeconds(4), Interval = TimeSpan.FromSeconds(1) };

        var live = 0;
        var counts = new List<int>();
        foreach (var e in schedule.Events())
        {
            live += (e.Start is null ? 0 : 1) - (e.Delete is null ? 0 : 1);
            if (e.InChurn)
            {
                counts.Add(live);
            }
        }

        // Low for 4 ticks (replacements), up by one per tick to 5 and held, then down by one per tick.
        Assert.Equal([2, 2, 2, 2, 3, 4, 5, 5, 4, 3, 2, 2, 3, 4, 5], counts);
        Assert.Equal(12, schedule.Events().Count(e => e.InChurn && e.Start is not null));
    }
}
