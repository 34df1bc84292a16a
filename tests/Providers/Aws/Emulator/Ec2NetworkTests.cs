using Amazon.EC2.Model;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>CreateVpc, CreateSubnet, CreateSecurityGroup and their Describe filters, as an init script uses them.</summary>
public sealed class Ec2NetworkTests : Ec2TestBase
{
    [Fact]
    public async Task CreateVpc_WithTags_DescribeVpcsFindsItByTagIdAndCidr()
    {
        var created = (await Ec2.CreateVpcAsync(new CreateVpcRequest
        {
            CidrBlock = "10.0.0.0/16",
            TagSpecifications = [new TagSpecification { ResourceType = "vpc", Tags = [new Tag("cloudnet-rig", "true")] }],
        })).Vpc;

        var byTag = await Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("tag:cloudnet-rig", ["true"])] });
        var byCidr = await Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("cidr-block", ["10.0.0.0/16"])] });
        var byId = await Ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [created.VpcId] });

        Assert.StartsWith("vpc-", created.VpcId, StringComparison.Ordinal);
        Assert.NotEqual(Emulator.State.Snapshot().VpcId, created.VpcId);
        var found = Assert.Single(byTag.Vpcs);
        Assert.Equal(created.VpcId, found.VpcId);
        Assert.Equal("10.0.0.0/16", found.CidrBlock);
        Assert.Equal("true", Assert.Single(found.Tags).Value);
        Assert.Equal(2, byCidr.Vpcs.Count);
        Assert.Equal(created.VpcId, Assert.Single(byId.Vpcs).VpcId);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "InvalidVpc.Range")]
    [InlineData("10.0.0.0/29", "InvalidVpc.Range")]
    [InlineData("10.0.0.1/16", "InvalidParameterValue")]
    [InlineData("not-a-cidr", "InvalidParameterValue")]
    public async Task CreateVpc_BadCidr_Fails(string cidr, string code)
    {
        var e = await FailsAsync(() => Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = cidr }));

        Assert.Equal(code, e.ErrorCode);
        Assert.Single(Emulator.State.Snapshot().Vpcs);
    }

    [Fact]
    public async Task CreateVpc_Any_HasItsOwnDefaultSecurityGroup()
    {
        var vpc = (await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "172.16.0.0/16" })).Vpc;

        var groups = await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = [new Filter("vpc-id", [vpc.VpcId])] });

        var group = Assert.Single(groups.SecurityGroups);
        Assert.Equal("default", group.GroupName);
        Assert.Equal(vpc.VpcId, group.VpcId);
        Assert.NotEqual(Emulator.State.Snapshot().SecurityGroupIds[0], group.GroupId);
    }

    [Fact]
    public async Task CreateSubnet_InsideVpc_DescribeSubnetsByVpcAndCidrFindsOnlyIt()
    {
        var vpc = await VpcAsync();

        var created = (await Ec2.CreateSubnetAsync(new CreateSubnetRequest
        {
            VpcId = vpc, CidrBlock = "10.0.0.0/19", AvailabilityZone = "us-east-1b",
            TagSpecifications = [new TagSpecification { ResourceType = "subnet", Tags = [new Tag("Name", "primary")] }],
        })).Subnet;
        var inVpc = await Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest
        {
            Filters = [new Filter("vpc-id", [vpc]), new Filter("cidr-block", ["10.0.0.0/19"])],
        });
        var anyVpc = await Ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = [new Filter("cidr-block", ["10.0.0.0/19"])] });

        var found = Assert.Single(inVpc.Subnets);
        Assert.Equal(created.SubnetId, found.SubnetId);
        Assert.Equal(vpc, found.VpcId);
        Assert.Equal("us-east-1b", found.AvailabilityZone);
        Assert.Equal(8192 - 5, found.AvailableIpAddressCount);
        Assert.Equal("primary", Assert.Single(found.Tags).Value);
        Assert.Equal(2, anyVpc.Subnets.Count);
    }

    [Theory]
    [InlineData("10.1.0.0/24", "InvalidSubnet.Range")]
    [InlineData("10.0.0.0/29", "InvalidSubnet.Range")]
    [InlineData("10.0.0.0/15", "InvalidSubnet.Range")]
    [InlineData("10.0.16.0/20", "InvalidSubnet.Conflict")]
    [InlineData("10.0.0.0/16", "InvalidSubnet.Conflict")]
    [InlineData("10.0.31.0/24", "InvalidSubnet.Conflict")]
    [InlineData("10.0.0.7/24", "InvalidParameterValue")]
    public async Task CreateSubnet_OutsideVpcOrOverlapping_Fails(string cidr, string code)
    {
        var vpc = await VpcAsync();
        await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.0.0.0/19" });

        var e = await FailsAsync(() => Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = cidr }));

        Assert.Equal(code, e.ErrorCode);
        Assert.Single(Emulator.State.Snapshot().Subnets, s => s.VpcId == vpc);
    }

    [Fact]
    public async Task CreateSubnet_AdjacentBlock_Succeeds()
    {
        var vpc = await VpcAsync();
        await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.0.0.0/19" });

        var next = (await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.0.32.0/19" })).Subnet;

        Assert.Equal("10.0.32.0/19", next.CidrBlock);
        Assert.Equal("us-east-1a", next.AvailabilityZone);
    }

    [Theory]
    [InlineData("vpc-0000000000000dead", "us-east-1a", "InvalidVpcID.NotFound")]
    [InlineData(null, "eu-west-1a", "InvalidParameterValue")]
    public async Task CreateSubnet_UnknownVpcOrZone_Fails(string? vpcId, string zone, string code)
    {
        vpcId ??= await VpcAsync();

        var e = await FailsAsync(() => Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpcId, CidrBlock = "10.0.0.0/24", AvailabilityZone = zone }));

        Assert.Equal(code, e.ErrorCode);
    }

    [Fact]
    public async Task CreateSecurityGroup_NameTakenInVpc_InvalidGroupDuplicateButFreeInAnotherVpc()
    {
        var vpc = await VpcAsync();
        var first = (await Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest("cloudnet-node", "node") { VpcId = vpc })).GroupId;

        var e = await FailsAsync(() => Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest("cloudnet-node", "again") { VpcId = vpc }));
        var other = (await Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest("cloudnet-node", "boot vpc") { VpcId = Emulator.State.Snapshot().VpcId })).GroupId;
        var described = await Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [vpc]), new Filter("group-name", ["cloudnet-node"])],
        });

        Assert.Equal("InvalidGroup.Duplicate", e.ErrorCode);
        Assert.StartsWith("sg-", first, StringComparison.Ordinal);
        Assert.NotEqual(first, other);
        var group = Assert.Single(described.SecurityGroups);
        Assert.Equal(first, group.GroupId);
        Assert.Equal("node", group.Description);
    }

    [Theory]
    [InlineData("default", true, "InvalidGroup.Reserved")]
    [InlineData("sg-lookalike", true, "InvalidParameterValue")]
    [InlineData("nodes", false, "VPCIdNotSpecified")]
    public async Task CreateSecurityGroup_BadNameOrNoVpc_Fails(string name, bool withVpc, string code)
    {
        var request = new CreateSecurityGroupRequest(name, "d");
        if (withVpc)
        {
            request.VpcId = await VpcAsync();
        }

        var e = await FailsAsync(() => Ec2.CreateSecurityGroupAsync(request));

        Assert.Equal(code, e.ErrorCode);
    }

    [Fact]
    public async Task CreateTags_VpcAndGroup_DescribeTagsListsThem()
    {
        var vpc = await VpcAsync();
        var group = (await Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest("g", "d") { VpcId = vpc })).GroupId;

        await Ec2.CreateTagsAsync(new CreateTagsRequest([vpc, group], [new Tag("owner", "rig")]));

        var tags = (await Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("key", ["owner"])] })).Tags;
        Assert.Equal([(group, "security-group"), (vpc, "vpc")], tags.Select(t => (t.ResourceId, t.ResourceType.Value)).Order());
    }

    [Fact]
    public async Task Reset_AfterCreates_OnlyTheBootNetworkRemains()
    {
        var before = Emulator.State.Snapshot();
        var vpc = await VpcAsync();
        await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.0.0.0/24" });

        Emulator.Reset();

        var after = Emulator.State.Snapshot();
        Assert.Equal(before.Vpcs.Select(v => v.VpcId), after.Vpcs.Select(v => v.VpcId));
        Assert.Equal(before.Subnets.Select(s => s.SubnetId), after.Subnets.Select(s => s.SubnetId));
        Assert.Equal(before.SecurityGroupIds, after.SecurityGroupIds);
    }

    private async Task<string> VpcAsync() => (await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" })).Vpc.VpcId;
}
