namespace Cloudnet.Bench.Fleet;

/// <summary>Nearest-rank percentiles over per-node times where a node that never got ready counts as slower than every ready one.</summary>
public static class Percentile
{
    /// <summary>
    /// The <paramref name="percent"/>th percentile (nearest rank: the ⌈p/100 × n⌉-th smallest) of
    /// <paramref name="values"/>; null when that rank falls on a node that was never ready, or when there are no values.
    /// </summary>
    public static TimeSpan? Of(IEnumerable<TimeSpan?> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.OrderBy(v => v ?? TimeSpan.MaxValue).ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
