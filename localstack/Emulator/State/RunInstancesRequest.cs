namespace Cloudnet.Emulator.State;

/// <summary>The parameters of RunInstances the emulator honours.</summary>
/// <param name="ImageId">Required; must be an image DescribeImages lists.</param>
/// <param name="InstanceType">Required here (EC2's default m1.small is not in the table); must be in <see cref="InstanceTypeTable"/>.</param>
/// <param name="MinCount">Launch at least this many or none (InsufficientFreeAddressesInSubnet).</param>
/// <param name="MaxCount">Launch at most this many.</param>
/// <param name="SubnetId">Required (the emulator has no default VPC): the primary ENI's subnet.</param>
/// <param name="SecurityGroupIds">Groups of the primary ENI, in the subnet's VPC; empty means the VPC's default group.</param>
/// <param name="InstanceTags">From TagSpecification with ResourceType instance.</param>
/// <param name="InterfaceTags">From TagSpecification with ResourceType network-interface (the primary ENI).</param>
public sealed record RunInstancesRequest(
    string? ImageId,
    string? InstanceType,
    int MinCount,
    int MaxCount,
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    IReadOnlyList<KeyValuePair<string, string>> InstanceTags,
    IReadOnlyList<KeyValuePair<string, string>> InterfaceTags);
