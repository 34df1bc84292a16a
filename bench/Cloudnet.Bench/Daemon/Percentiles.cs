using System.Globalization;

namespace Cloudnet.Bench.Daemon;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Summary(string name, List<double> milliseconds)
    {
        milliseconds.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} n={milliseconds.Count,6}  p50={Of(milliseconds, 50):0.000} ms  p90={Of(milliseconds, 90):0.000} ms  p99={Of(milliseconds, 99):0.000} ms  max={milliseconds[^1]:0.000} ms");
    }
}
