using System.Net;
using Amazon.EC2.Model;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>DescribeImages and RunInstances: launched instances next to the booted one, with their type's ENI and address limits.</summary>
public sealed class Ec2RunInstancesTests : Ec2TestBase
{
    [Fact]
    public async Task RunInstances_InCreatedSubnet_RunningWithPrimaryEniAtDeviceZero()
    {
        var (subnet, group) = await NetworkAsync();

        var launched = await RunAsync(subnet, group, "m5.large", tags: [new Tag("Name", "cloudnet-node")]);
        var described = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [launched.InstanceId] });

        Assert.Equal("pending", launched.State.Name.Value);
        var instance = Assert.Single(Assert.Single(described.Reservations).Instances);
        Assert.Equal("running", instance.State.Name.Value);
        Assert.Equal("m5.large", instance.InstanceType.Value);
        Assert.Equal(subnet, instance.SubnetId);
        Assert.Equal("cloudnet-node", Assert.Single(instance.Tags).Value);
        var eni = Assert.Single(instance.NetworkInterfaces);
        Assert.Equal(0, eni.Attachment.DeviceIndex);
        Assert.Equal(group, Assert.Single(eni.Groups).GroupId);
        Assert.Equal("cloudnet-node", Assert.Single(eni.Groups).GroupName);
        Assert.StartsWith("10.0.", eni.PrivateIpAddress, StringComparison.Ordinal);
        Assert.Equal(instance.PrivateIpAddress, eni.PrivateIpAddress);
        Assert.NotEqual(Emulator.State.InstanceId, instance.InstanceId);
    }

    [Fact]
    public async Task DescribeInstances_SubnetAndStateFilters_OnlyTheLaunchedInstance()
    {
        var (subnet, group) = await NetworkAsync();
        var launched = await RunAsync(subnet, group, "m5.large");

        var filtered = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            Filters = [new Filter("subnet-id", [subnet]), new Filter("instance-state-name", ["running"])],
        });
        var all = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest());

        Assert.Equal(launched.InstanceId, Assert.Single(Assert.Single(filtered.Reservations).Instances).InstanceId);
        Assert.Equal(2, all.Reservations.SelectMany(r => r.Instances).Count());
        Assert.Equal(2, Emulator.State.Snapshot().Instances.Count);
    }

    [Fact]
    public async Task RunInstances_CountTwo_OneReservationWithTwoInstances()
    {
        var (subnet, group) = await NetworkAsync();

        var response = await Ec2.RunInstancesAsync(new RunInstancesRequest(await ImageAsync(), 2, 2)
        {
            InstanceType = "c5.large", SubnetId = subnet, SecurityGroupIds = [group],
        });

        var reservation = response.Reservation;
        Assert.Equal(2, reservation.Instances.Count);
        var described = await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new Filter("subnet-id", [subnet])] });
        Assert.Equal(reservation.ReservationId, Assert.Single(described.Reservations).ReservationId);
        Assert.Equal(2, reservation.Instances.Select(i => i.PrivateIpAddress).Distinct().Count());
    }

    [Fact]
    public async Task RunInstances_Instance_TakesEnisUpToItsTypeLimitThenAttachmentLimitExceeded()
    {
        var (subnet, group) = await NetworkAsync();
        var instance = await RunAsync(subnet, group, "t2.micro");
        var first = await CreateAsync(subnet);
        var second = await CreateAsync(subnet);

        await Ec2.AttachNetworkInterfaceAsync(new AttachNetworkInterfaceRequest { NetworkInterfaceId = first, InstanceId = instance.InstanceId, DeviceIndex = 1 });
        var e = await FailsAsync(() => Ec2.AttachNetworkInterfaceAsync(new AttachNetworkInterfaceRequest
        {
            NetworkInterfaceId = second, InstanceId = instance.InstanceId, DeviceIndex = 2,
        }));

        Assert.Equal("AttachmentLimitExceeded", e.ErrorCode);
        var attached = await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            Filters = [new Filter("attachment.instance-id", [instance.InstanceId])],
        });
        Assert.Equal([0, 1], attached.NetworkInterfaces.Select(n => n.Attachment.DeviceIndex).Order());
        Assert.Single(Emulator.State.Snapshot().NetworkInterfaces, n => n.Attachment?.InstanceId == Emulator.State.InstanceId);
    }

    [Fact]
    public async Task AssignPrivateIpAddresses_OnLaunchedInstance_ItsTypeLimitApplies()
    {
        var (subnet, group) = await NetworkAsync();
        var instance = await RunAsync(subnet, group, "t2.micro");
        var eni = await CreateAsync(subnet);
        await Ec2.AttachNetworkInterfaceAsync(new AttachNetworkInterfaceRequest { NetworkInterfaceId = eni, InstanceId = instance.InstanceId, DeviceIndex = 1 });

        await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni, SecondaryPrivateIpAddressCount = 1 });
        var e = await FailsAsync(() => Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni, SecondaryPrivateIpAddressCount = 1,
        }));

        Assert.Equal("PrivateIpAddressLimitExceeded", e.ErrorCode);
        Assert.Single(Emulator.State.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == eni).SecondaryPrivateIpAddresses);
    }

    [Fact]
    public async Task AttachNetworkInterface_EniOfAnotherVpc_InvalidParameterCombination()
    {
        var (subnet, group) = await NetworkAsync();
        var instance = await RunAsync(subnet, group, "m5.large");
        var bootVpcEni = await CreateEniAsync();

        var e = await FailsAsync(() => Ec2.AttachNetworkInterfaceAsync(new AttachNetworkInterfaceRequest
        {
            NetworkInterfaceId = bootVpcEni.NetworkInterfaceId, InstanceId = instance.InstanceId, DeviceIndex = 1,
        }));

        Assert.Equal("InvalidParameterCombination", e.ErrorCode);
    }

    [Theory]
    [InlineData("x9.huge", "image", "subnet", "group", "InvalidParameterValue")]
    [InlineData("m5.large", "ami-0000000000000dead", "subnet", "group", "InvalidAMIID.NotFound")]
    [InlineData("m5.large", "img-1", "subnet", "group", "InvalidAMIID.Malformed")]
    [InlineData("m5.large", "image", null, "group", "VPCResourceNotSpecified")]
    [InlineData("m5.large", "image", "subnet", "boot-group", "InvalidParameter")]
    [InlineData("m5.large", "image", "subnet", "sg-0000000000000dead", "InvalidGroup.NotFound")]
    public async Task RunInstances_BadRequest_FailsAndLaunchesNothing(string type, string image, string? subnet, string group, string code)
    {
        var (rigSubnet, rigGroup) = await NetworkAsync();
        var request = new RunInstancesRequest(image == "image" ? await ImageAsync() : image, 1, 1)
        {
            InstanceType = type,
            SubnetId = subnet is null ? null : rigSubnet,
            SecurityGroupIds = [group switch { "group" => rigGroup, "boot-group" => Emulator.State.Snapshot().SecurityGroupIds[0], _ => group }],
        };

        var e = await FailsAsync(() => Ec2.RunInstancesAsync(request));

        Assert.Equal(code, e.ErrorCode);
        Assert.Single(Emulator.State.Snapshot().Instances);
    }

    [Fact]
    public async Task RunInstances_MoreThanTheSubnetHolds_InsufficientFreeAddressesInSubnet()
    {
        var (_, group) = await NetworkAsync();
        var vpc = Emulator.State.Snapshot().SecurityGroups.Single(g => g.GroupId == group).VpcId;
        var small = (await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.0.64.0/28" })).Subnet.SubnetId;

        var e = await FailsAsync(() => Ec2.RunInstancesAsync(new RunInstancesRequest(Emulator.State.ImageIds[0], 12, 12)
        {
            InstanceType = "m5.large", SubnetId = small,
        }));
        var partial = await Ec2.RunInstancesAsync(new RunInstancesRequest(Emulator.State.ImageIds[0], 1, 20) { InstanceType = "m5.large", SubnetId = small });

        Assert.Equal("InsufficientFreeAddressesInSubnet", e.ErrorCode);
        Assert.Equal(11, partial.Reservation.Instances.Count);
    }

    [Fact]
    public async Task RunInstances_Any_ImdsStillServesTheBootedInstance()
    {
        var (subnet, group) = await NetworkAsync();
        await RunAsync(subnet, group, "m5.large");
        using var http = TestEmulator.Http(Emulator);
        using var put = new HttpRequestMessage(HttpMethod.Put, "latest/api/token");
        put.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
        var token = await (await http.SendAsync(put)).Content.ReadAsStringAsync();

        using var get = new HttpRequestMessage(HttpMethod.Get, "latest/meta-data/instance-id");
        get.Headers.Add("X-aws-ec2-metadata-token", token);
        using var response = await http.SendAsync(get);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Emulator.State.InstanceId, await response.Content.ReadAsStringAsync());
        Assert.Equal(Emulator.State.InstanceId, Emulator.State.Snapshot().Instances[0].InstanceId);
    }

    [Fact]
    public async Task AttachNetworkInterface_LaunchedVersusBootedInstance_OnlyTheBootedOnesEniIsMaterialised()
    {
        var (subnet, group) = await NetworkAsync();
        var instance = await RunAsync(subnet, group, "m5.large");
        var changes = System.Threading.Channels.Channel.CreateUnbounded<Cloudnet.Emulator.State.EniChange>();
        Emulator.State.Changes = changes.Writer;
        var launchedEni = await CreateAsync(subnet);
        var bootEni = await CreateEniAsync();

        await Ec2.AttachNetworkInterfaceAsync(new AttachNetworkInterfaceRequest { NetworkInterfaceId = launchedEni, InstanceId = instance.InstanceId, DeviceIndex = 1 });
        await AttachAsync(bootEni.NetworkInterfaceId, 1);

        Emulator.State.Changes = null;
        Assert.True(changes.Reader.TryRead(out var change));
        Assert.Equal((Cloudnet.Emulator.State.EniChangeKind.Attached, bootEni.NetworkInterfaceId), (change.Kind, change.NetworkInterfaceId));
        Assert.False(changes.Reader.TryRead(out _));
    }

    [Fact]
    public async Task DescribeImages_Unfiltered_OneImageRunInstancesAccepts()
    {
        var images = (await Ec2.DescribeImagesAsync(new DescribeImagesRequest())).Images;

        var image = Assert.Single(images);
        Assert.StartsWith("ami-", image.ImageId, StringComparison.Ordinal);
        Assert.Equal("available", image.State.Value);
        Assert.Equal(Emulator.State.ImageIds, [image.ImageId]);
    }

    private async Task<(string Subnet, string Group)> NetworkAsync()
    {
        var vpc = (await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" })).Vpc.VpcId;
        var subnet = (await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.0.0.0/19" })).Subnet.SubnetId;
        var group = (await Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest("cloudnet-node", "node") { VpcId = vpc })).GroupId;
        return (subnet, group);
    }

    private async Task<string> ImageAsync() => (await Ec2.DescribeImagesAsync(new DescribeImagesRequest())).Images[0].ImageId;

    private async Task<Instance> RunAsync(string subnet, string group, string type, List<Tag>? tags = null)
    {
        var request = new RunInstancesRequest(await ImageAsync(), 1, 1) { InstanceType = type, SubnetId = subnet, SecurityGroupIds = [group] };
        if (tags is not null)
        {
            request.TagSpecifications = [new TagSpecification { ResourceType = "instance", Tags = tags }];
        }

        return Assert.Single((await Ec2.RunInstancesAsync(request)).Reservation.Instances);
    }

    private async Task<string> CreateAsync(string subnet) =>
        (await Ec2.CreateNetworkInterfaceAsync(new CreateNetworkInterfaceRequest { SubnetId = subnet })).NetworkInterface.NetworkInterfaceId;
}
