namespace Cloudnet.Ipamd.Metrics;

/// <summary>Lock-free arithmetic on a double field.</summary>
internal static class AtomicDouble
{
    public static void Add(ref double location, double by)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + by, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    public static void Max(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
