namespace Cloudnet.Bench.AwsPolicy;

/// <summary>One step of a <see cref="ChurnSchedule"/>.</summary>
/// <param name="At">When, from the schedule's origin.</param>
/// <param name="Delete">The pod deleted, if any (the oldest).</param>
/// <param name="Start">The pod started, if any.</param>
/// <param name="InChurn">In the churn phase (not warm-up).</param>
public sealed record PodEvent(TimeSpan At, int? Delete, int? Start, bool InChurn);
