using Cloudnet.Ipamd.Metrics;

namespace Cloudnet.Ipamd.Node;

/// <summary>The conntrack flusher's counters, in the daemon's registry.</summary>
public sealed class ConntrackFlusherMetrics
{
    /// <summary>Registers the counters in <paramref name="metrics"/>' registry.</summary>
    public ConntrackFlusherMetrics(DaemonMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Flushed = metrics.Registry.CreateCounter("cloudnet_conntrack_flushed_total", "Conntrack entries of released pod addresses deleted.");
        Failures = metrics.Registry.CreateCounter("cloudnet_conntrack_flush_failures_total", "Released pod addresses whose conntrack flush failed.");
    }

    /// <summary>Conntrack entries deleted because their pod address was released.</summary>
    public Counter Flushed { get; }

    /// <summary>Released addresses whose flush failed (table unreadable, or a delete refused).</summary>
    public Counter Failures { get; }
}
