using System.Globalization;
using System.Text;

namespace Cloudnet.Bench.Fleet;

/// <summary>Prints the sides side by side as a Markdown table (numbers only; nothing is judged on timing).</summary>
public static class FleetReport
{
    /// <summary>The table, one column per side, plus each side's notes and its slowest node's last error.</summary>
    public static string Format(IReadOnlyList<FleetSideResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sides = results.Select(FleetSummary.Of).ToList();
        var text = new StringBuilder();
        Row(text, "", sides.Select(s => s.Name));
        Row(text, "---", sides.Select(_ => "---"));
        Row(text, "nodes", sides.Select(s => Number(s.Nodes)));
        Row(text, "EC2 calls", sides.Select(s => Number(s.Calls)));
        Row(text, "throttled (RequestLimitExceeded)", sides.Select(s => Number(s.Throttled)));
        Row(text, "calls per node", sides.Select(s => s.CallsPerNode.ToString("0.0", CultureInfo.InvariantCulture)));
        Row(text, "warm pool ready p50", sides.Select(s => Time(s.ReadyP50)));
        Row(text, "warm pool ready p95", sides.Select(s => Time(s.ReadyP95)));
        Row(text, "warm pool ready max (every node)", sides.Select(s => Time(s.ReadyMax)));
        Row(text, "nodes not ready at the deadline", sides.Select(s => Number(s.NotReady)));
        Row(text, "daemon restarts (nodes restarted)", sides.Select(s => $"{Number(s.Restarts)} ({Number(s.NodesRestarted)})"));
        Row(text, "peak EC2 calls in one second", sides.Select(s => Number(s.PeakPerSecond)));
        Row(text, "peak throttled in one second", sides.Select(s => Number(s.PeakThrottledPerSecond)));
        Row(text, "calls by action", sides.Select(s => s.ByAction));
        foreach (var result in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"{result.Name}: {result.Notes}").AppendLine();
            var failed = result.Nodes.Where(n => n.ReadyAfter is null).ToList();
            if (failed.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{result.Name}: not ready, e.g. {failed[0].InstanceId}: {failed[0].LastError}").AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>"1.23 s", or "not ready" for a percentile that falls on a node that never got ready.</summary>
    public static string Time(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "not ready";

    private static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, string label, IEnumerable<string> cells) =>
        text.Append("| ").Append(label).Append(" | ").Append(string.Join(" | ", cells)).Append(" |").AppendLine();
}
