using System.Text;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>A Prometheus gauge: a value that is set.</summary>
public sealed class Gauge : MetricFamily<Gauge.Child>
{
    internal Gauge(string name, string help, string[] labelNames)
        : base(name, help, "gauge", labelNames)
    {
    }

    /// <summary>Sets the unlabeled gauge.</summary>
    public void Set(double value) => Unlabeled.Set(value);

    /// <summary>The unlabeled gauge's value.</summary>
    public double Value => Unlabeled.Value;

    private protected override Child NewChild() => new();

    private protected override void WriteChild(StringBuilder output, string[] labelValues, Child child) =>
        WriteSample(output, Name, labelValues, child.Value);

    /// <summary>One gauge of the family.</summary>
    public sealed class Child
    {
        private double _value;

        /// <summary>The current value.</summary>
        public double Value => Volatile.Read(ref _value);

        /// <summary>Sets the value.</summary>
        public void Set(double value) => Volatile.Write(ref _value, value);

        /// <summary>Adds <paramref name="by"/> (which may be negative).</summary>
        public void Inc(double by = 1) => AtomicDouble.Add(ref _value, by);
    }
}
