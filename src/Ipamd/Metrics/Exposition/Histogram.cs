using System.Text;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>A Prometheus histogram: observations counted into cumulative buckets, with their sum and count.</summary>
public sealed class Histogram : MetricFamily<Histogram.Child>
{
    private readonly double[] _bounds;
    private readonly string[] _boundLabels;

    internal Histogram(string name, string help, double[] buckets, string[] labelNames)
        : base(name, help, "histogram", labelNames)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Length == 0 || buckets.Any(double.IsNaN) || buckets.Zip(buckets.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException($"histogram '{name}': bucket bounds must be a non-empty, strictly ascending list of numbers", nameof(buckets));
        }

        _bounds = double.IsPositiveInfinity(buckets[^1]) ? buckets[..^1] : [.. buckets];
        _boundLabels = [.. _bounds.Select(b => TextFormat.Value(b)), "+Inf"];
    }

    /// <summary>Records <paramref name="value"/> in the unlabeled histogram.</summary>
    public void Observe(double value) => Unlabeled.Observe(value);

    private protected override Child NewChild() => new(_bounds);

    private protected override void WriteChild(StringBuilder output, string[] labelValues, Child child)
    {
        // Read the count first: a concurrent observation then shows in the buckets at most, never a bucket above the count.
        var (count, sum, buckets) = child.Snapshot();
        long cumulative = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += buckets[i];
            WriteSample(output, Name + "_bucket", labelValues, Math.Min(cumulative, count), "le", _boundLabels[i]);
        }

        WriteSample(output, Name + "_sum", labelValues, sum);
        WriteSample(output, Name + "_count", labelValues, count);
    }

    /// <summary>One histogram of the family.</summary>
    public sealed class Child
    {
        private readonly double[] _bounds;
        private readonly long[] _buckets;
        private long _count;
        private double _sum;

        internal Child(double[] bounds)
        {
            _bounds = bounds;
            _buckets = new long[bounds.Length + 1];
        }

        /// <summary>Records one observation.</summary>
        public void Observe(double value)
        {
            if (double.IsNaN(value))
            {
                return;
            }

            var bucket = 0;
            while (bucket < _bounds.Length && value > _bounds[bucket])
            {
                bucket++;
            }

            Interlocked.Increment(ref _buckets[bucket]);
            AtomicDouble.Add(ref _sum, value);
            Interlocked.Increment(ref _count);
        }

        internal (long Count, double Sum, long[] Buckets) Snapshot()
        {
            var count = Interlocked.Read(ref _count);
            var sum = Volatile.Read(ref _sum);
            var buckets = new long[_buckets.Length];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = Interlocked.Read(ref _buckets[i]);
            }

            return (count, sum, buckets);
        }
    }
}
