namespace Cloudnet.Emulator.State;

/// <summary>A subnet as DescribeSubnets shows it.</summary>
/// <param name="SubnetId">subnet-….</param>
/// <param name="VpcId">vpc-….</param>
/// <param name="CidrBlock">e.g. "10.0.0.0/19".</param>
/// <param name="AvailabilityZone">e.g. "us-east-1a".</param>
/// <param name="AvailableIpAddressCount">Addresses neither reserved nor taken.</param>
/// <param name="Tags">Key to value.</param>
public sealed record SubnetSnapshot(
    string SubnetId,
    string VpcId,
    string CidrBlock,
    string AvailabilityZone,
    int AvailableIpAddressCount,
    IReadOnlyDictionary<string, string> Tags);
