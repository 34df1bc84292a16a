using System.Text;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>A family whose children each hold one number (counters and gauges).</summary>
public abstract class ValueFamily<TChild> : MetricFamily<TChild>
    where TChild : ValueCell, new()
{
    private protected ValueFamily(string name, string help, string type, string[] labelNames)
        : base(name, help, type, labelNames)
    {
    }

    /// <summary>The unlabeled child's value.</summary>
    public double Value => Unlabeled.Value;

    private protected override TChild NewChild() => new();

    private protected override void WriteChild(StringBuilder output, string[] labelValues, TChild child) =>
        WriteSample(output, Name, labelValues, child.Value);
}

/// <summary>One number, updated without locks.</summary>
public abstract class ValueCell
{
    private double _value;

    /// <summary>The current value.</summary>
    public double Value => Volatile.Read(ref _value);

    private protected void Write(double value) => Volatile.Write(ref _value, value);

    private protected void Add(double by) => AtomicDouble.Add(ref _value, by);

    private protected void RaiseTo(double value) => AtomicDouble.Max(ref _value, value);
}
