namespace Cloudnet.Ipamd.Metrics;

/// <summary>A Prometheus gauge: a value that is set.</summary>
public sealed class Gauge : ValueFamily<Gauge.Child>
{
    internal Gauge(string name, string help, string[] labelNames)
        : base(name, help, "gauge", labelNames)
    {
    }

    /// <summary>Sets the unlabeled gauge.</summary>
    public void Set(double value) => Unlabeled.Set(value);

    /// <summary>One gauge of the family.</summary>
    public sealed class Child : ValueCell
    {
        /// <summary>Sets the value.</summary>
        public void Set(double value) => Write(value);
    }
}
