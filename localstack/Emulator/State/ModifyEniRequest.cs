namespace Cloudnet.Emulator.State;

/// <summary>The parameters of ModifyNetworkInterfaceAttribute the emulator honours; null means unchanged.</summary>
/// <param name="AttachmentId">Attachment.AttachmentId; must match the ENI's attachment.</param>
/// <param name="DeleteOnTermination">Attachment.DeleteOnTermination.</param>
/// <param name="Description">Description.Value.</param>
/// <param name="SecurityGroupIds">SecurityGroupId.N.</param>
public sealed record ModifyEniRequest(
    string? AttachmentId = null,
    bool? DeleteOnTermination = null,
    string? Description = null,
    IReadOnlyList<string>? SecurityGroupIds = null);
