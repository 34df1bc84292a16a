namespace Cloudnet.Ipamd.Hosting;

/// <summary>
/// Whether a pod's network namespace is gone. Careful not to take "cannot see it" for "gone":
/// a bind-mounted netns (/var/run/netns/cni-…) counts as gone only when its directory is
/// visible to the daemon (mounted into its container) and the entry is missing; a
/// /proc/&lt;pid&gt;/ns/net path is gone when the process is.
/// </summary>
public static class NetnsProbe
{
    /// <summary>True when <paramref name="netns"/> certainly no longer exists.</summary>
    public static bool IsGone(string? netns)
    {
        if (string.IsNullOrEmpty(netns) || !Path.IsPathFullyQualified(netns) || File.Exists(netns))
        {
            return false;
        }

        if (netns.StartsWith("/proc/", StringComparison.Ordinal))
        {
            return true;
        }

        var directory = Path.GetDirectoryName(netns);
        return directory is not null && Directory.Exists(directory);
    }
}
