using Microsoft.Extensions.Logging;

namespace Cloudnet.Cni.Protocol;

/// <summary>
/// The validated plugin configuration (a conflist entry with <c>"type": "cloudnet"</c>). The
/// initialisers are the documented defaults.
/// </summary>
public sealed record PluginConfig
{
    /// <summary>Default of <see cref="SocketPath"/>.</summary>
    public const string DefaultSocketPath = "/run/cloudnet/ipamd.sock";

    /// <summary>Default of <see cref="VethPrefix"/>: "cnet", like "eni" (AWS VPC CNI) and "cali" (Calico).</summary>
    public const string DefaultVethPrefix = "cnet";

    /// <summary>Default of <see cref="StateDir"/>: the daemon's state directory.</summary>
    public const string DefaultStateDir = "/var/lib/cloudnet";

    /// <summary>Longest allowed <see cref="VethPrefix"/>, so at least 8 hex digits of hash remain in 15 bytes.</summary>
    public const int MaxVethPrefixLength = 7;

    /// <summary>Spec version of this request: one of <see cref="CniVersions.Supported"/>.</summary>
    public required string CniVersion { get; init; }

    /// <summary>Network name; first part of the allocation key.</summary>
    public required string NetworkName { get; init; }

    /// <summary>The daemon's gRPC Unix socket. Default <see cref="DefaultSocketPath"/>.</summary>
    public string SocketPath { get; init; } = DefaultSocketPath;

    /// <summary>MTU of both veth ends in bytes; 0 (default) takes the daemon's value.</summary>
    public int Mtu { get; init; }

    /// <summary>Prefix of host veth names (1-7 of [a-z0-9]). Default <see cref="DefaultVethPrefix"/>.</summary>
    public string VethPrefix { get; init; } = DefaultVethPrefix;

    /// <summary>Log file, appended to; null logs to stderr. Never stdout.</summary>
    public string? LogFile { get; init; }

    /// <summary>Lowest level written. Default Information.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Deadline of each daemon call. Default 15 s (the daemon waits up to 10 s for an empty pool to refill).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The daemon's state directory. Default <see cref="DefaultStateDir"/>.</summary>
    public string StateDir { get; init; } = DefaultStateDir;

    /// <summary>Where DEL spools releases when the daemon is unreachable: <c>&lt;StateDir&gt;/spool</c>.</summary>
    public string SpoolDir => Path.Combine(StateDir, "spool");

    /// <summary>DNS settings echoed into the ADD result, or null.</summary>
    public DnsDocument? Dns { get; init; }

    /// <summary>The previous result (chained ADD, CHECK, DEL), or null.</summary>
    public CniResult? PrevResult { get; init; }

    /// <summary>GC: the runtime's valid attachments; null when the key was absent.</summary>
    public IReadOnlyList<(string ContainerId, string IfName)>? ValidAttachments { get; init; }
}
