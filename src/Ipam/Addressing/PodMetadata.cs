namespace Cloudnet.Ipam.Addressing;

/// <summary>Who the attachment belongs to. Metadata only: never part of the key.</summary>
/// <param name="Namespace">Kubernetes namespace, or null when the runtime did not send it.</param>
/// <param name="Name">Pod name, or null when the runtime did not send it.</param>
/// <param name="Uid">Pod UID, or null.</param>
/// <param name="Netns">The pod's network namespace path (CNI_NETNS), or null.</param>
public sealed record PodMetadata(string? Namespace, string? Name, string? Uid = null, string? Netns = null);
