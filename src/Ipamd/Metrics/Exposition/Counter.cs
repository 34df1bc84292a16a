using System.Text;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>A Prometheus counter: a value that only goes up.</summary>
public sealed class Counter : MetricFamily<Counter.Child>
{
    internal Counter(string name, string help, string[] labelNames)
        : base(name, help, "counter", labelNames)
    {
    }

    /// <summary>Adds <paramref name="by"/> (≥ 0) to the unlabeled counter.</summary>
    public void Inc(double by = 1) => Unlabeled.Inc(by);

    /// <summary>Raises the unlabeled counter to <paramref name="value"/> if it is lower (for copying a count kept elsewhere).</summary>
    public void IncTo(double value) => Unlabeled.IncTo(value);

    /// <summary>The unlabeled counter's value.</summary>
    public double Value => Unlabeled.Value;

    private protected override Child NewChild() => new();

    private protected override void WriteChild(StringBuilder output, string[] labelValues, Child child) =>
        WriteSample(output, Name, labelValues, child.Value);

    /// <summary>One counter of the family.</summary>
    public sealed class Child
    {
        private double _value;

        /// <summary>The current value.</summary>
        public double Value => Volatile.Read(ref _value);

        /// <summary>Adds <paramref name="by"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative or not a number.</exception>
        public void Inc(double by = 1)
        {
            if (!(by >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(by), by, "a counter only goes up");
            }

            AtomicDouble.Add(ref _value, by);
        }

        /// <summary>Raises the value to <paramref name="value"/> if it is lower.</summary>
        public void IncTo(double value) => AtomicDouble.Max(ref _value, value);
    }
}
