namespace Cloudnet.Emulator.State;

/// <summary>The parameters of CreateNetworkInterface the emulator honours.</summary>
/// <param name="SubnetId">Required.</param>
/// <param name="SecurityGroupIds">Empty means the VPC's default group.</param>
/// <param name="Description">Free text.</param>
/// <param name="Tags">From TagSpecification with ResourceType network-interface.</param>
/// <param name="SecondaryPrivateIpAddressCount">Secondary addresses to assign at creation.</param>
/// <param name="Ipv4PrefixCount">/28 prefixes to assign at creation.</param>
public sealed record CreateEniRequest(
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    string? Description,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    int SecondaryPrivateIpAddressCount = 0,
    int Ipv4PrefixCount = 0);
