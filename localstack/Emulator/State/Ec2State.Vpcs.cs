using System.Globalization;

namespace Cloudnet.Emulator.State;

/// <summary>CreateVpc, CreateSubnet and CreateSecurityGroup: the network a LocalStack-style init script builds.</summary>
public sealed partial class Ec2State
{
    /// <summary>CreateVpc: a /16 to /28 VPC with its default security group. VPCs may overlap, as on EC2.</summary>
    public VpcSnapshot CreateVpc(string cidrBlock, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var (network, prefix) = ParseBlock(cidrBlock);
        if (prefix is < 16 or > 28)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidVpcRange, $"The CIDR '{cidrBlock}' is invalid: a VPC is a /16 to /28");
        }

        lock (_gate)
        {
            Settle();
            var vpc = new VpcRecord { Id = NewId("vpc"), Network = network, PrefixLength = prefix };
            SetTags(vpc.Tags, tags);
            _vpcs.Add(vpc);
            _securityGroups.Add(DefaultGroup(vpc.Id, NewId("sg")));
            return new VpcSnapshot(vpc.Id, vpc.Cidr, Copy(vpc.Tags));
        }
    }

    /// <summary>
    /// CreateSubnet: inside its VPC's CIDR (InvalidSubnet.Range), not overlapping another subnet of
    /// that VPC (InvalidSubnet.Conflict), in a zone of the region (default: the emulator's zone).
    /// </summary>
    public SubnetSnapshot CreateSubnet(string? vpcId, string cidrBlock, string? availabilityZone, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var (network, prefix) = ParseBlock(cidrBlock);
        var zone = availabilityZone ?? _options.AvailabilityZone;
        var zones = Enumerable.Range('a', 6).Select(c => _options.Region + (char)c).ToList();
        if (zone != _options.AvailabilityZone && !zones.Contains(zone))
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue,
                $"Value ({zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {string.Join(", ", zones)}.");
        }

        lock (_gate)
        {
            Settle();
            var vpc = FindVpc(vpcId);
            if (prefix is < 16 or > 28 || !vpc.Contains(network, prefix))
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidSubnetRange, $"The CIDR '{cidrBlock}' is invalid: a subnet is a /16 to /28 inside its VPC's {vpc.Cidr}");
            }

            var end = network + (1L << (32 - prefix));
            var conflict = _subnets.FirstOrDefault(s => s.VpcId == vpc.Id
                && network < s.Addresses.Network + (1L << (32 - s.Addresses.PrefixLength)) && s.Addresses.Network < end);
            if (conflict is not null)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidSubnetConflict, $"The CIDR '{cidrBlock}' conflicts with another subnet ({conflict.Id}, {conflict.Cidr})");
            }

            var subnet = new SubnetRecord { Id = NewId("subnet"), VpcId = vpc.Id, AvailabilityZone = zone, Addresses = new SubnetAllocator(network, prefix) };
            SetTags(subnet.Tags, tags);
            _subnets.Add(subnet);
            return Snap(subnet);
        }
    }

    /// <summary>CreateSecurityGroup: a name unique within its VPC (InvalidGroup.Duplicate); returns the group id.</summary>
    public string CreateSecurityGroup(string groupName, string description, string? vpcId, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        ArgumentNullException.ThrowIfNull(tags);
        if (vpcId is null)
        {
            // The emulator has no default VPC, like an account whose default VPC was deleted.
            throw new Ec2Exception(Ec2ErrorCodes.VpcIdNotSpecified, "No default VPC for this user: the request must contain the parameter VpcId");
        }

        if (groupName.StartsWith("sg-", StringComparison.OrdinalIgnoreCase))
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Group names may not be in the format sg-*: '{groupName}'");
        }

        if (groupName == "default")
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidGroupReserved, "The security group 'default' is reserved");
        }

        lock (_gate)
        {
            Settle();
            var vpc = FindVpc(vpcId);
            if (_securityGroups.Exists(g => g.VpcId == vpc.Id && g.Name == groupName))
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidGroupDuplicate, $"The security group '{groupName}' already exists for VPC '{vpc.Id}'");
            }

            var group = new SecurityGroupRecord { Id = NewId("sg"), VpcId = vpc.Id, Name = groupName, Description = description };
            SetTags(group.Tags, tags);
            _securityGroups.Add(group);
            return group.Id;
        }
    }

    private static (uint Network, int Prefix) ParseBlock(string cidrBlock) =>
        Ipv4.TryParseCidr(cidrBlock, out var network, out var prefix) && Ipv4.FormatCidr(network, prefix) == cidrBlock
            ? (network, prefix)
            : throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue,
                string.Create(CultureInfo.InvariantCulture, $"Value ({cidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block."));

    private static void SetTags(Dictionary<string, string> target, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        foreach (var (key, value) in tags)
        {
            target[key] = value;
        }
    }
}
