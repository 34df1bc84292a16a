using System.Text;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>
/// The daemon's metrics in the Prometheus text format (version 0.0.4): counters, gauges and
/// histograms, with or without labels, exported in registration order. A few hundred lines of our
/// own instead of prometheus-net, whose name validation (Regex) and constants (System.Net.Http)
/// made the daemon map about 3 MB of assemblies it otherwise never uses (docs/architecture.md).
/// </summary>
public sealed class MetricRegistry
{
    /// <summary>The media type of <see cref="WriteText"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Lock _gate = new();
    private readonly List<MetricFamily> _families = [];
    private readonly List<Action> _beforeCollect = [];

    /// <summary>A counter (only goes up); returns the existing one when the same name, type and labels were registered before.</summary>
    /// <exception cref="ArgumentException">The name or a label name is not a valid Prometheus name, or the name is taken by a different metric.</exception>
    public Counter CreateCounter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Counter(name, help, labelNames), labelNames);

    /// <summary>A gauge (set to any value); returns the existing one when registered before.</summary>
    /// <exception cref="ArgumentException">See <see cref="CreateCounter"/>.</exception>
    public Gauge CreateGauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Gauge(name, help, labelNames), labelNames);

    /// <summary>A histogram with the given upper bucket bounds (ascending; +Inf is implied).</summary>
    /// <exception cref="ArgumentException">See <see cref="CreateCounter"/>; also bounds that are empty or not strictly ascending.</exception>
    public Histogram CreateHistogram(string name, string help, double[] buckets, params string[] labelNames) =>
        GetOrAdd(name, () => new Histogram(name, help, buckets, labelNames), labelNames);

    /// <summary>Runs <paramref name="callback"/> before every export, to copy values kept elsewhere into metrics.</summary>
    public void AddBeforeCollectCallback(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            _beforeCollect.Add(callback);
        }
    }

    /// <summary>Runs the callbacks, then writes every metric in the text format.</summary>
    public void WriteText(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Action[] callbacks;
        MetricFamily[] families;
        lock (_gate)
        {
            callbacks = [.. _beforeCollect];
            families = [.. _families];
        }

        foreach (var callback in callbacks)
        {
            callback();
        }

        foreach (var family in families)
        {
            family.WriteText(output);
        }
    }

    /// <summary>The whole export as a string (see <see cref="WriteText"/>).</summary>
    public string ExportText()
    {
        var output = new StringBuilder(4096);
        WriteText(output);
        return output.ToString();
    }

    private T GetOrAdd<T>(string name, Func<T> create, string[] labelNames)
        where T : MetricFamily
    {
        TextFormat.CheckMetricName(name);
        ArgumentNullException.ThrowIfNull(labelNames);
        foreach (var label in labelNames)
        {
            TextFormat.CheckLabelName(label, name);
        }

        lock (_gate)
        {
            if (_families.Find(f => string.Equals(f.Name, name, StringComparison.Ordinal)) is { } existing)
            {
                return existing is T same && same.LabelNames.SequenceEqual(labelNames, StringComparer.Ordinal)
                    ? same
                    : throw new ArgumentException($"metric '{name}' is already registered as a {existing.Type} with labels [{string.Join(", ", existing.LabelNames)}]", nameof(name));
            }

            var family = create();
            _families.Add(family);
            return family;
        }
    }
}
