using System.Text.Json.Serialization;

namespace Cloudnet.Cni.Protocol;

/// <summary>VERSION's input: only the spec version in use.</summary>
public sealed class VersionRequestDocument
{
    /// <summary>Spec version of the request.</summary>
    [JsonPropertyName("cniVersion")] public string? CniVersion { get; set; }
}
