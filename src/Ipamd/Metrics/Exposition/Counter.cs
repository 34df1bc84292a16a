namespace Cloudnet.Ipamd.Metrics;

/// <summary>A Prometheus counter: a value that only goes up.</summary>
public sealed class Counter : ValueFamily<Counter.Child>
{
    internal Counter(string name, string help, string[] labelNames)
        : base(name, help, "counter", labelNames)
    {
    }

    /// <summary>Adds <paramref name="by"/> (≥ 0) to the unlabeled counter.</summary>
    public void Inc(double by = 1) => Unlabeled.Inc(by);

    /// <summary>Raises the unlabeled counter to <paramref name="value"/> if it is lower (for copying a count kept elsewhere).</summary>
    public void IncTo(double value) => Unlabeled.IncTo(value);

    /// <summary>One counter of the family.</summary>
    public sealed class Child : ValueCell
    {
        /// <summary>Adds <paramref name="by"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative or not a number.</exception>
        public void Inc(double by = 1)
        {
            if (!(by >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(by), by, "a counter only goes up");
            }

            Add(by);
        }

        /// <summary>Raises the value to <paramref name="value"/> if it is lower.</summary>
        public void IncTo(double value) => RaiseTo(value);
    }
}
