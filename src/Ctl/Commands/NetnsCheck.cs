namespace Cloudnet.Ctl.Commands;

/// <summary>
/// Whether a pod network namespace is gone, by the daemon's rule (src/Ipamd/Hosting/NetnsProbe.cs):
/// a bind-mounted netns counts as gone only when its directory is visible and the entry is missing;
/// a /proc/&lt;pid&gt;/ns/net path when the process is gone.
/// </summary>
public static class NetnsCheck
{
    /// <summary>True when <paramref name="netns"/> certainly no longer exists on this host.</summary>
    public static bool IsGone(string? netns)
    {
        if (string.IsNullOrEmpty(netns) || !Path.IsPathFullyQualified(netns) || File.Exists(netns))
        {
            return false;
        }

        return netns.StartsWith("/proc/", StringComparison.Ordinal)
            || (Path.GetDirectoryName(netns) is { } directory && Directory.Exists(directory));
    }
}
