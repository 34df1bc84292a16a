namespace Cloudnet.Ipam.Addressing;

/// <summary>
/// The CNI specification's attachment key: (network name, container id, interface name).
/// Two ADDs with the same key are the same attachment and get the same address.
/// </summary>
public readonly record struct AllocationKey(string NetworkName, string ContainerId, string IfName)
{
    /// <inheritdoc />
    public override string ToString() => $"{NetworkName}/{ContainerId}/{IfName}";
}
