namespace Cloudnet.Emulator.State;

/// <summary>What happened to an ENI's attachment.</summary>
internal enum EniChangeKind
{
    Attached,
    Detached,

    /// <summary>Not a change: completes <see cref="EniChange.Barrier"/> once every earlier change is applied.</summary>
    Barrier,
}

/// <summary>An attach or detach, with what is needed to mirror it as a link.</summary>
internal sealed record EniChange(
    EniChangeKind Kind,
    string NetworkInterfaceId,
    string MacAddress,
    int DeviceIndex,
    string PrimaryIp,
    int SubnetPrefixLength)
{
    /// <summary>Completed by the consumer when it reaches a <see cref="EniChangeKind.Barrier"/>.</summary>
    public TaskCompletionSource? Barrier { get; init; }
}
