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

    [Fact]
    public void Events_QuietWave_NothingHappensAtALevel()
    {
        var schedule = new ChurnSchedule { Held = 2, Starts = 6, WaveHigh = 5, WavePeriod = TimeSpan.FromSeconds(5), WaveQuiet = true, Interval = TimeSpan.FromSeconds(1) };

        var live = 0;
        var counts = new List<(double At, int Live)>();
        foreach (var e in schedule.Events().Where(e => e.InChurn))
        {
            live += (e.Start is null ? 0 : 1) - (e.Delete is null ? 0 : 1);
            counts.Add(((e.At - schedule.ChurnBegins).TotalSeconds, live));
        }

        // Pods relative to the warm-up: low (quiet) for 5 s, up by 3 from 5 s, held quietly, down from 10 s, quiet, up again from 15 s.
        Assert.Equal([(5, 1), (6, 2), (7, 3), (10, 2), (11, 1), (12, 0), (15, 1), (16, 2), (17, 3)], counts);
        Assert.DoesNotContain(schedule.Events(), e => e.InChurn && e.Start is not null && e.Delete is not null);
    }

    [Fact]
    public void Events_WaveStep_MovesTheWholeStepAtOnce()
    {
        var schedule = new ChurnSchedule
        {
            Held = 2, Starts = 6, WaveHigh = 5, WavePeriod = TimeSpan.FromSeconds(5), WaveQuiet = true, WaveStep = 10, Interval = TimeSpan.FromSeconds(1),
        };

        var live = 0;
        var counts = new List<(double At, int Live)>();
        foreach (var e in schedule.Events().Where(e => e.InChurn))
        {
            live += (e.Start is null ? 0 : 1) - (e.Delete is null ? 0 : 1);
            counts.Add(((e.At - schedule.ChurnBegins).TotalSeconds, live));
        }

        // Up by 3 in one instant at 5 s, down by 3 at 10 s, up again at 15 s; the step is capped by the level.
        Assert.Equal([(5, 1), (5, 2), (5, 3), (10, 2), (10, 1), (10, 0), (15, 1), (15, 2), (15, 3)], counts);
    }
}
