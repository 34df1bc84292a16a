using System.Text.RegularExpressions;
using Cloudnet.Ipamd.Tests.Deploy;

namespace Cloudnet.Ipamd.Tests.Metrics;

// docs/metrics.md lists exactly the metrics the daemon registers, with their type and labels.
public partial class MetricsDocTests
{
    private static readonly IReadOnlyDictionary<string, (string Type, string[] Labels)> Registered = ScanSources();
    private static readonly IReadOnlyDictionary<string, (string Type, string[] Labels)> Documented = ReadDoc();

    [Fact]
    public void Doc_ListsEveryRegisteredMetricAndNoOther()
    {
        Assert.Contains("cloudnet_release_delay_seconds", Registered.Keys); // the scan finds registrations
        Assert.Equal(Registered.Keys.Order(StringComparer.Ordinal), Documented.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Doc_TypeAndLabelsMatchTheRegistration()
    {
        foreach (var (name, registered) in Registered)
        {
            var documented = Documented.GetValueOrDefault(name);
            Assert.True(registered.Type == documented.Type, $"{name}: registered as a {registered.Type}, documented as a {documented.Type}");
            Assert.True(registered.Labels.SequenceEqual(documented.Labels ?? []), $"{name}: labels [{string.Join(", ", registered.Labels)}], documented [{string.Join(", ", documented.Labels ?? [])}]");
        }
    }

    // Registrations in the daemon's Prometheus registry: Create{Counter,Gauge,Histogram}("name", "help", labels...).
    private static Dictionary<string, (string, string[])> ScanSources()
    {
        var found = new Dictionary<string, (string, string[])>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(RepoFiles.Path("src/Ipamd"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in Registration().Matches(File.ReadAllText(file)))
            {
                var labels = Quoted().Matches(m.Groups["rest"].Value).Select(q => q.Groups[1].Value).ToArray();
                found[m.Groups["name"].Value] = (m.Groups["type"].Value.ToLowerInvariant(), labels);
            }
        }

        return found;
    }

    // Table rows: | `name` | type | labels cell (label names in backticks) | meaning |
    private static Dictionary<string, (string, string[])> ReadDoc()
    {
        var rows = new Dictionary<string, (string, string[])>(StringComparer.Ordinal);
        foreach (Match m in Row().Matches(RepoFiles.Read("docs/metrics.md")))
        {
            var labels = Ticked().Matches(m.Groups["labels"].Value).Select(t => t.Groups[1].Value).ToArray();
            Assert.True(rows.TryAdd(m.Groups["name"].Value, (m.Groups["type"].Value, labels)), $"{m.Groups["name"].Value} has two rows");
        }

        return rows;
    }

    [GeneratedRegex("""Create(?<type>Counter|Gauge|Histogram)\("(?<name>cloudnet_[a-z0-9_]+)",\s*"(?:[^"\\]|\\.)*"(?<rest>[^;]*?)\)\s*;""")]
    private static partial Regex Registration();

    [GeneratedRegex("\"([a-z_]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\| `(?<name>cloudnet_[a-z0-9_]+)` \| (?<type>counter|gauge|histogram) \|(?<labels>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex Ticked();
}
