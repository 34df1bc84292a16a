using System.Collections.Concurrent;
using System.Text;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>One metric name with its children, one per combination of label values.</summary>
public abstract class MetricFamily
{
    private protected MetricFamily(string name, string help, string type, string[] labelNames)
    {
        ArgumentNullException.ThrowIfNull(help);
        Name = name;
        Help = help;
        Type = type;
        LabelNames = [.. labelNames];
    }

    /// <summary>The metric's name.</summary>
    public string Name { get; }

    /// <summary>The HELP text.</summary>
    public string Help { get; }

    /// <summary>The TYPE: counter, gauge or histogram.</summary>
    public string Type { get; }

    /// <summary>The label names, in export order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    internal void WriteText(StringBuilder output)
    {
        output.Append("# HELP ").Append(Name).Append(' ');
        TextFormat.AppendHelp(output, Help);
        output.Append('\n').Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
        WriteSamples(output);
    }

    private protected abstract void WriteSamples(StringBuilder output);
}

/// <summary>A family whose children are of type <typeparamref name="TChild"/>.</summary>
public abstract class MetricFamily<TChild> : MetricFamily
    where TChild : class
{
    private readonly ConcurrentDictionary<string, (string[] Values, TChild Child)> _children = new(StringComparer.Ordinal);
    private TChild? _unlabeled;

    private protected MetricFamily(string name, string help, string type, string[] labelNames)
        : base(name, help, type, labelNames)
    {
    }

    /// <summary>The child for these label values (one per label name, in order), created on first use.</summary>
    /// <exception cref="ArgumentException">The number of values does not match the label names.</exception>
    public TChild WithLabels(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != LabelNames.Count || values.Length == 0)
        {
            throw new ArgumentException($"metric '{Name}' has labels [{string.Join(", ", LabelNames)}]; got {values.Length} value(s)", nameof(values));
        }

        // One label (the common case) needs no key allocation; several are joined with a byte no label value contains in practice.
        var key = values.Length == 1 ? values[0] : string.Join('\u0001', values);
        if (_children.TryGetValue(key, out var found))
        {
            return found.Child;
        }

        return _children.GetOrAdd(key, static (_, arg) => ([.. arg.Values], arg.Family.NewChild()), (Values: values, Family: this)).Child;
    }

    /// <summary>The unlabeled child, created on first use (not in the constructor: derived fields are not set yet there).</summary>
    /// <exception cref="InvalidOperationException">The metric has labels: use <see cref="WithLabels"/>.</exception>
    private protected TChild Unlabeled
    {
        get
        {
            if (Volatile.Read(ref _unlabeled) is { } child)
            {
                return child;
            }

            if (LabelNames.Count > 0)
            {
                throw new InvalidOperationException($"metric '{Name}' has labels [{string.Join(", ", LabelNames)}]: use WithLabels");
            }

            // GetOrAdd returns the stored child to every racer, so all of them cache the same one.
            child = _children.GetOrAdd("", static (_, family) => ([], family.NewChild()), this).Child;
            Volatile.Write(ref _unlabeled, child);
            return child;
        }
    }

    private protected abstract TChild NewChild();

    private protected abstract void WriteChild(StringBuilder output, string[] labelValues, TChild child);

    private protected override void WriteSamples(StringBuilder output)
    {
        if (LabelNames.Count == 0)
        {
            _ = Unlabeled; // an unlabeled metric is exported from the start, with its zero value
        }

        foreach (var (_, (values, child)) in _children.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            WriteChild(output, values, child);
        }
    }

    /// <summary>Writes <c>name{labels} value</c>, with an extra label (a histogram's <c>le</c>) when given.</summary>
    private protected void WriteSample(StringBuilder output, string name, string[] labelValues, double value, string? extraName = null, string? extraValue = null)
    {
        output.Append(name);
        if (labelValues.Length > 0 || extraName is not null)
        {
            output.Append('{');
            for (var i = 0; i < labelValues.Length; i++)
            {
                if (i > 0)
                {
                    output.Append(',');
                }

                output.Append(LabelNames[i]).Append("=\"");
                TextFormat.AppendLabelValue(output, labelValues[i]);
                output.Append('"');
            }

            if (extraName is not null)
            {
                output.Append(labelValues.Length > 0 ? "," : "").Append(extraName).Append("=\"").Append(extraValue).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ');
        TextFormat.AppendValue(output, value);
        output.Append('\n');
    }
}
