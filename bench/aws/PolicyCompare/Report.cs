using System.Globalization;
using System.Text;
using Cloudnet.Emulator.Control;

namespace Cloudnet.Bench.AwsPolicy;

/// <summary>Formats the comparison.</summary>
public static class Report
{
    /// <summary>The lines to print for <paramref name="sides"/>.</summary>
    public static string Format(ChurnSchedule schedule, IReadOnlyList<SideResult> sides)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(sides);
        var text = new StringBuilder();
        foreach (var side in sides)
        {
            var churn = side.Pods.Where(p => p.InChurn).ToList();
            var times = churn.Where(p => p.TimeToAddress is not null).Select(p => p.TimeToAddress!.Value.TotalMilliseconds).Order().ToList();
            Line(text, $"{side.Name}: {side.ChurnCalls.Total} EC2 calls in {churn.Count} churn pod starts = {PerThousand(side.ChurnCalls.Total, churn.Count)} per 1,000 pod starts; "
                + $"failed ADDs {churn.Sum(p => p.FailedAdds)} (pods that saw one: {churn.Count(p => p.FailedAdds > 0)}, deleted before they got an address: {churn.Count(p => p.TimeToAddress is null)}); "
                + $"time to address p50 {Percentile(times, 0.5):F0} ms, p99 {Percentile(times, 0.99):F0} ms, max {(times.Count > 0 ? times[^1] : 0):F0} ms");
            Line(text, $"  churn calls by action: {ByAction(side.ChurnCalls)}");
            Line(text, $"  warm-up ({schedule.Held} pods): {side.WarmUpCalls.Total} EC2 calls ({ByAction(side.WarmUpCalls)}), failed ADDs {side.Pods.Where(p => !p.InChurn).Sum(p => p.FailedAdds)}");
            Line(text, $"  pool at the end: {side.Pool}");
        }

        if (sides.Count == 2)
        {
            var (ours, theirs) = (sides[0].ChurnCalls.Total, sides[1].ChurnCalls.Total);
            Line(text, theirs == 0
                ? $"ratio {sides[0].Name}/{sides[1].Name}: undefined ({sides[1].Name} made no EC2 call in the churn phase; {sides[0].Name} made {ours})"
                : $"ratio {sides[0].Name}/{sides[1].Name}: {(double)ours / theirs:F2} (target <= 0.5)");
        }

        return text.ToString();
    }

    private static string PerThousand(long calls, int starts) =>
        starts == 0 ? "n/a" : (calls * 1000.0 / starts).ToString("F1", CultureInfo.InvariantCulture);

    private static string ByAction(CallsSnapshot calls) =>
        calls.Actions.Count == 0 ? "none" : string.Join(", ", calls.Actions.Select(a => $"{a.Key} {a.Value.Calls}"));

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min((int)Math.Ceiling(q * sorted.Count) - 1, sorted.Count - 1)];

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
