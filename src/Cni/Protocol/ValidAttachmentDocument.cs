using System.Text.Json.Serialization;

namespace Cloudnet.Cni.Protocol;

/// <summary>One entry of <c>cni.dev/valid-attachments</c> (GC, spec 1.1.0).</summary>
public sealed class ValidAttachmentDocument
{
    /// <summary>CNI_CONTAINERID of the attachment's ADD.</summary>
    [JsonPropertyName("containerID")] public string? ContainerId { get; set; }

    /// <summary>CNI_IFNAME of the attachment's ADD.</summary>
    [JsonPropertyName("ifname")] public string? IfName { get; set; }
}
