using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cloudnet.Cni.Protocol;

/// <summary>
/// The plugin configuration as the runtime streams it on stdin, before validation. Field names
/// are the CNI spec's and cloudnet's documented keys; unknown keys are ignored.
/// </summary>
public sealed class NetConfDocument
{
    /// <summary>Spec version of this request.</summary>
    [JsonPropertyName("cniVersion")] public string? CniVersion { get; set; }

    /// <summary>Network name (part of the allocation key).</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>Plugin type; "cloudnet".</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>The daemon's gRPC socket.</summary>
    [JsonPropertyName("socketPath")] public string? SocketPath { get; set; }

    /// <summary>MTU of both veth ends, bytes; 0 or absent takes the daemon's.</summary>
    [JsonPropertyName("mtu")] public int? Mtu { get; set; }

    /// <summary>Prefix of host veth names.</summary>
    [JsonPropertyName("vethPrefix")] public string? VethPrefix { get; set; }

    /// <summary>Log file; absent logs to stderr.</summary>
    [JsonPropertyName("logFile")] public string? LogFile { get; set; }

    /// <summary>debug, info, warning or error.</summary>
    [JsonPropertyName("logLevel")] public string? LogLevel { get; set; }

    /// <summary>Deadline of each daemon call, seconds.</summary>
    [JsonPropertyName("timeoutSeconds")] public double? TimeoutSeconds { get; set; }

    /// <summary>The daemon's state directory; releases are spooled under its "spool" folder.</summary>
    [JsonPropertyName("stateDir")] public string? StateDir { get; set; }

    /// <summary>Not supported: cloudnet is its own IPAM.</summary>
    [JsonPropertyName("ipam")] public JsonElement? Ipam { get; set; }

    /// <summary>Not supported: SNAT is programmed by the daemon for the node.</summary>
    [JsonPropertyName("ipMasq")] public bool? IPMasq { get; set; }

    /// <summary>DNS settings copied into the ADD result.</summary>
    [JsonPropertyName("dns")] public DnsDocument? Dns { get; set; }

    /// <summary>Result of the previous plugin (ADD) or of the ADD (CHECK, DEL).</summary>
    [JsonPropertyName("prevResult")] public JsonElement? PrevResult { get; set; }

    /// <summary>GC: the attachments the runtime still knows.</summary>
    [JsonPropertyName("cni.dev/valid-attachments")] public List<ValidAttachmentDocument>? ValidAttachments { get; set; }
}
