using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>VPCs, subnets and security groups: Describe* with filters, and Create*.</summary>
internal sealed partial class Ec2Actions
{
    private void DescribeVpcs(QueryParameters q, Ec2Xml x)
    {
        var vpcs = _state.Snapshot().Vpcs;
        var ids = q.List("VpcId");
        var missing = ids.Where(id => !vpcs.Any(v => v.VpcId == id)).ToList();
        if (missing.Count > 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidVpcIdNotFound, $"The vpc ID '{string.Join("', '", missing)}' does not exist");
        }

        var filters = q.Filters();
        var matching = vpcs.Where(v => ids.Count == 0 || ids.Contains(v.VpcId))
            .Where(v => FilterFields.Match(v, filters, FilterFields.Vpc, t => t.Tags));
        x.Set("vpcSet", matching, (i, v) => Ec2Shapes.Vpc(i, v, Owner));
    }

    private void CreateVpc(QueryParameters q, Ec2Xml x)
    {
        var vpc = _state.CreateVpc(q.Required("CidrBlock"), q.TagSpecifications("vpc"));
        x.Start("vpc");
        Ec2Shapes.Vpc(x, vpc, Owner, creating: true);
        x.End();
    }

    private void DescribeSubnets(QueryParameters q, Ec2Xml x)
    {
        var ids = q.List("SubnetId");
        var subnets = _state.Snapshot().Subnets;
        var missing = ids.Where(id => !subnets.Any(s => s.SubnetId == id)).ToList();
        if (missing.Count > 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidSubnetIdNotFound, $"The subnet ID '{string.Join("', '", missing)}' does not exist");
        }

        var filters = q.Filters();
        var matching = subnets.Where(s => ids.Count == 0 || ids.Contains(s.SubnetId))
            .Where(s => FilterFields.Match(s, filters, FilterFields.Subnet, t => t.Tags));
        x.Set("subnetSet", matching, (i, s) => Ec2Shapes.Subnet(i, s, _options.Region, Owner));
    }

    private void CreateSubnet(QueryParameters q, Ec2Xml x)
    {
        var subnet = _state.CreateSubnet(q.Required("VpcId"), q.Required("CidrBlock"), q.Get("AvailabilityZone"), q.TagSpecifications("subnet"));
        x.Start("subnet");
        Ec2Shapes.Subnet(x, subnet, _options.Region, Owner);
        x.End();
    }

    private void DescribeSecurityGroups(QueryParameters q, Ec2Xml x)
    {
        var groups = _state.Snapshot().SecurityGroups;
        var ids = q.List("GroupId");
        var missing = ids.Where(id => !groups.Any(g => g.GroupId == id)).ToList();
        if (missing.Count > 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidGroupNotFound, $"The security group '{string.Join("', '", missing)}' does not exist");
        }

        var names = q.List("GroupName");
        var filters = q.Filters();
        var matching = groups.Where(g => (ids.Count == 0 || ids.Contains(g.GroupId)) && (names.Count == 0 || names.Contains(g.GroupName)))
            .Where(g => FilterFields.Match(g, filters, FilterFields.SecurityGroup, t => t.Tags));
        x.Set("securityGroupInfo", matching, (i, g) => i.Value("ownerId", Owner).Value("groupId", g.GroupId).Value("groupName", g.GroupName)
            .Value("groupDescription", g.Description).Value("vpcId", g.VpcId)
            .Set("ipPermissions", Array.Empty<string>(), (_, _) => { })
            .Set("ipPermissionsEgress", Array.Empty<string>(), (_, _) => { })
            .TagSet(g.Tags));
    }

    private void CreateSecurityGroup(QueryParameters q, Ec2Xml x)
    {
        var id = _state.CreateSecurityGroup(q.Required("GroupName"), q.Required("GroupDescription"), q.Get("VpcId"), q.TagSpecifications("security-group"));
        Return(q, x);
        x.Value("groupId", id);
    }
}
