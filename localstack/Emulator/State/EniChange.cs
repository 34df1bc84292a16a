namespace Cloudnet.Emulator.State;

/// <summary>What happened to an ENI's attachment.</summary>
internal enum EniChangeKind
{
    Attached,
    Detached,
}

/// <summary>An attach or detach, with what is needed to mirror it as a link.</summary>
internal sealed record EniChange(
    EniChangeKind Kind,
    string NetworkInterfaceId,
    string MacAddress,
    int DeviceIndex,
    string PrimaryIp,
    int SubnetPrefixLength);
