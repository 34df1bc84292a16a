namespace Cloudnet.Emulator.State;

/// <summary>Finding resources by id, with EC2's NotFound and Malformed errors; called under the lock.</summary>
public sealed partial class Ec2State
{
    private EniRecord FindEni(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter NetworkInterfaceId");
        }

        if (!id.StartsWith("eni-", StringComparison.Ordinal))
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidNetworkInterfaceIdMalformed, $"Invalid id: \"{id}\" (expecting \"eni-...\")");
        }

        return _enis.TryGetValue(id, out var eni) ? eni
            : throw new Ec2Exception(Ec2ErrorCodes.InvalidNetworkInterfaceIdNotFound, $"The networkInterface ID '{id}' does not exist");
    }

    private SubnetRecord FindSubnet(string? id) =>
        _subnets.FirstOrDefault(s => s.Id == id)
        ?? throw (string.IsNullOrEmpty(id)
            ? new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter SubnetId")
            : new Ec2Exception(Ec2ErrorCodes.InvalidSubnetIdNotFound, $"The subnet ID '{id}' does not exist"));

    private InstanceRecord FindInstance(string? id) =>
        _instances.FirstOrDefault(i => i.Id == id)
        ?? throw new Ec2Exception(Ec2ErrorCodes.InvalidInstanceIdNotFound, $"The instance ID '{id}' does not exist");

    private VpcRecord FindVpc(string? id) =>
        _vpcs.FirstOrDefault(v => v.Id == id)
        ?? throw (string.IsNullOrEmpty(id)
            ? new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter VpcId")
            : new Ec2Exception(Ec2ErrorCodes.InvalidVpcIdNotFound, $"The vpc ID '{id}' does not exist"));

    private SecurityGroupRecord FindGroup(string id) =>
        _securityGroups.FirstOrDefault(g => g.Id == id)
        ?? throw new Ec2Exception(Ec2ErrorCodes.InvalidGroupNotFound, $"The security group '{id}' does not exist");

    /// <summary>The groups named, all in <paramref name="vpcId"/>; none named means the VPC's default group.</summary>
    private List<string> GroupsIn(string vpcId, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return [_securityGroups.First(g => g.VpcId == vpcId && g.Name == "default").Id];
        }

        var missing = ids.FirstOrDefault(id => !_securityGroups.Exists(g => g.Id == id && g.VpcId == vpcId));
        return missing is null ? ids.ToList()
            : throw new Ec2Exception(Ec2ErrorCodes.InvalidGroupNotFound, $"The security group '{missing}' does not exist in VPC '{vpcId}'");
    }

    /// <summary>
    /// Whose per-ENI address limit applies: the instance it is attached to; an unattached ENI
    /// counts as the first running instance of its VPC (the booted one in the boot VPC).
    /// </summary>
    private InstanceTypeInfo LimitsFor(SubnetRecord subnet, AttachmentRecord? attachment) =>
        attachment?.Instance.Type
        ?? _instances.FirstOrDefault(i => i.StateName == "running" && i.Subnet.VpcId == subnet.VpcId)?.Type
        ?? _instance.Type;

    private static Ec2Exception InsufficientAddresses(SubnetRecord subnet) =>
        new(Ec2ErrorCodes.InsufficientFreeAddressesInSubnet, $"Insufficient free IP addresses in subnet {subnet.Id} ({subnet.Cidr})");
}
