namespace Cloudnet.Emulator.State;

/// <summary>An ENI's attachment.</summary>
/// <param name="AttachmentId">eni-attach-….</param>
/// <param name="InstanceId">i-….</param>
/// <param name="DeviceIndex">0 for the primary ENI.</param>
/// <param name="DeleteOnTermination">Whether terminating the instance deletes the ENI.</param>
/// <param name="AttachTime">When it was attached.</param>
/// <param name="Status">"attached", or "detaching" while a detach takes <see cref="EmulatorOptions.DetachDelay"/>.</param>
public sealed record AttachmentSnapshot(
    string AttachmentId,
    string InstanceId,
    int DeviceIndex,
    bool DeleteOnTermination,
    DateTimeOffset AttachTime,
    string Status = "attached");
