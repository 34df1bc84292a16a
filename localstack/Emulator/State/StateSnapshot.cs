namespace Cloudnet.Emulator.State;

/// <summary>Everything the emulated cloud holds, as /_emulator/state returns it.</summary>
/// <param name="VpcId">vpc-….</param>
/// <param name="VpcCidrBlock">e.g. "10.0.0.0/16".</param>
/// <param name="SecurityGroupIds">The security groups that exist.</param>
/// <param name="Subnets">Every subnet.</param>
/// <param name="Instances">The instance (one).</param>
/// <param name="NetworkInterfaces">Every ENI, attached or not, ordered by id.</param>
public sealed record StateSnapshot(
    string VpcId,
    string VpcCidrBlock,
    IReadOnlyList<string> SecurityGroupIds,
    IReadOnlyList<SubnetSnapshot> Subnets,
    IReadOnlyList<InstanceSnapshot> Instances,
    IReadOnlyList<EniSnapshot> NetworkInterfaces);
