namespace Cloudnet.Bench.AwsPolicy;

/// <summary>
/// The workload both sides get: <see cref="Held"/> pods started one per <see cref="Interval"/>,
/// a settle pause, then <see cref="Starts"/> replacements, one per interval (the oldest pod is
/// deleted and a new one started). A failed ADD is retried after <see cref="Retry"/>, as kubelet
/// retries a sandbox whose network setup failed.
/// </summary>
public sealed record ChurnSchedule
{
    /// <summary>Pods held at any time. Default 20.</summary>
    public int Held { get; init; } = 20;

    /// <summary>Pod starts in the churn phase. Default 1,000.</summary>
    public int Starts { get; init; } = 1000;

    /// <summary>Time between two pod starts. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time before a failed ADD is tried again. Default 1 s.</summary>
    public TimeSpan Retry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between the last warm-up start and the first replacement. Default 15 s.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>When pod <paramref name="index"/> (0-based, warm-up pods first) starts, from the schedule's origin.</summary>
    public TimeSpan StartOf(int index) => index < Held
        ? Interval * index
        : (Interval * Held) + Settle + (Interval * (index - Held));

    /// <summary>When the churn phase begins (the first replacement), from the schedule's origin.</summary>
    public TimeSpan ChurnBegins => StartOf(Held);
}
