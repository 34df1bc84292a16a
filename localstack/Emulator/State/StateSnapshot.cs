namespace Cloudnet.Emulator.State;

/// <summary>Everything the emulated cloud holds, as /_emulator/state returns it.</summary>
/// <param name="VpcId">The VPC the emulator booted with (vpc-…).</param>
/// <param name="VpcCidrBlock">Its CIDR, e.g. "10.0.0.0/16".</param>
/// <param name="SecurityGroupIds">Every security group's id, the boot VPC's default group first.</param>
/// <param name="Subnets">Every subnet of every VPC, the boot subnets first.</param>
/// <param name="Instances">Every instance: the booted one (the one IMDS serves) first, then those RunInstances launched.</param>
/// <param name="NetworkInterfaces">Every ENI, attached or not, ordered by id.</param>
/// <param name="Vpcs">Every VPC, the boot VPC first.</param>
/// <param name="SecurityGroups">Every security group, in <paramref name="SecurityGroupIds"/> order.</param>
public sealed record StateSnapshot(
    string VpcId,
    string VpcCidrBlock,
    IReadOnlyList<string> SecurityGroupIds,
    IReadOnlyList<SubnetSnapshot> Subnets,
    IReadOnlyList<InstanceSnapshot> Instances,
    IReadOnlyList<EniSnapshot> NetworkInterfaces,
    IReadOnlyList<VpcSnapshot> Vpcs,
    IReadOnlyList<SecurityGroupSnapshot> SecurityGroups);
