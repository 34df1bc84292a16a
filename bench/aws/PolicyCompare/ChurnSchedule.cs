namespace Cloudnet.Bench.AwsPolicy;

/// <summary>
/// The workload both sides get: <see cref="Held"/> pods started one per <see cref="Interval"/>,
/// a settle pause, then one event per interval until <see cref="Starts"/> pods have started: the
/// oldest pod is replaced by a new one, or — with a wave — one is started or deleted while the
/// number of pods moves towards the wave's level. A failed ADD is retried after <see cref="Retry"/>,
/// as kubelet retries a sandbox whose network setup failed.
/// </summary>
public sealed record ChurnSchedule
{
    /// <summary>Pods held at any time (the wave's low level). Default 20.</summary>
    public int Held { get; init; } = 20;

    /// <summary>Pod starts in the churn phase. Default 1,000.</summary>
    public int Starts { get; init; } = 1000;

    /// <summary>Time between two events. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time before a failed ADD is tried again. Default 1 s.</summary>
    public TimeSpan Retry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between the last warm-up start and the churn phase. Default 15 s.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The wave's high level; 0 (default) = no wave, the pod count stays at <see cref="Held"/>.</summary>
    public int WaveHigh { get; init; }

    /// <summary>How long each level of the wave lasts (low first). Default 60 s.</summary>
    public TimeSpan WavePeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>True: once the pod count has reached the wave's level nothing happens until the next
    /// level (a batch scaled up and down, no replacements in between). Default false.</summary>
    public bool WaveQuiet { get; init; }

    /// <summary>Pods started or deleted in one event while the count moves towards the wave's level
    /// (1, default: one per interval; 24 with levels 6 and 30: the whole step at once, as a batch
    /// job or a Deployment scaled by many replicas starts). Replacements stay one per event.</summary>
    public int WaveStep { get; init; } = 1;

    /// <summary>When the churn phase begins, from the schedule's origin.</summary>
    public TimeSpan ChurnBegins => (Interval * Held) + Settle;

    /// <summary>Every event in order: warm-up starts, then the churn phase's replacements, starts and deletes.</summary>
    public IEnumerable<PodEvent> Events()
    {
        var live = new Queue<int>();
        var next = 0;
        for (; next < Held; next++)
        {
            live.Enqueue(next);
            yield return new PodEvent(Interval * next, null, next, false);
        }

        for (var (tick, started) = (0L, 0); started < Starts; tick++)
        {
            var since = Interval * tick;
            var level = WaveHigh > Held && (long)(since / WavePeriod) % 2 == 1 ? WaveHigh : Held;
            if (WaveQuiet && live.Count == level)
            {
                continue;
            }

            var step = live.Count == level ? 1 : Math.Min(Math.Max(WaveStep, 1), Math.Abs(live.Count - level));
            for (var i = 0; i < step && started < Starts; i++)
            {
                int? delete = live.Count >= level ? live.Dequeue() : null;
                int? start = live.Count < level ? next++ : null;
                if (start is { } s)
                {
                    live.Enqueue(s);
                    started++;
                }

                yield return new PodEvent(ChurnBegins + since, delete, start, true);
            }
        }
    }
}
