using Amazon.EC2.Model;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class Ec2InterfaceLifecycleTests : Ec2TestBase
{
    [Fact]
    public async Task CreateNetworkInterface_WithTagsAndGroup_AvailableWithPrimaryAddressInSubnet()
    {
        var group = Emulator.State.Snapshot().SecurityGroupIds[0];
        var eni = (await Ec2.CreateNetworkInterfaceAsync(new CreateNetworkInterfaceRequest
        {
            SubnetId = SubnetId("10.0.32.0/19"),
            Groups = [group],
            Description = "cloudnet i-123",
            TagSpecifications = [new TagSpecification
            {
                ResourceType = "network-interface",
                Tags = [new Tag("cluster.k8s.amazonaws.com/name", "c1"), new Tag("node.k8s.amazonaws.com/instance_id", "i-1")],
            }],
        })).NetworkInterface;

        Assert.Equal("available", eni.Status.Value);
        Assert.StartsWith("10.0.", eni.PrivateIpAddress, StringComparison.Ordinal);
        Assert.Equal(group, Assert.Single(eni.Groups).GroupId);
        Assert.Equal("cloudnet i-123", eni.Description);
        Assert.Equal("c1", eni.TagSet.Single(t => t.Key == "cluster.k8s.amazonaws.com/name").Value);
        Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", eni.MacAddress);
        Assert.Null(eni.Attachment);
    }

    [Fact]
    public async Task CreateNetworkInterface_UnknownGroup_InvalidGroupNotFound()
    {
        var e = await FailsAsync(() => Ec2.CreateNetworkInterfaceAsync(new CreateNetworkInterfaceRequest
        {
            SubnetId = SubnetId("10.0.32.0/19"), Groups = ["sg-0000000000000dead"],
        }));

        Assert.Equal("InvalidGroup.NotFound", e.ErrorCode);
    }

    [Fact]
    public async Task CreateNetworkInterface_UnknownSubnet_InvalidSubnetIdNotFound()
    {
        var e = await FailsAsync(() => Ec2.CreateNetworkInterfaceAsync(new CreateNetworkInterfaceRequest { SubnetId = "subnet-0000000000000dead" }));

        Assert.Equal("InvalidSubnetID.NotFound", e.ErrorCode);
    }

    [Fact]
    public async Task AttachNetworkInterface_FreeIndex_InUseWithAttachment()
    {
        var eni = await CreateEniAsync();

        var attachmentId = await AttachAsync(eni.NetworkInterfaceId, 1);

        var described = Assert.Single((await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            NetworkInterfaceIds = [eni.NetworkInterfaceId],
        })).NetworkInterfaces);
        Assert.Equal("in-use", described.Status.Value);
        Assert.Equal(attachmentId, described.Attachment.AttachmentId);
        Assert.Equal(1, described.Attachment.DeviceIndex);
        Assert.Equal(Emulator.State.InstanceId, described.Attachment.InstanceId);
        Assert.False(described.Attachment.DeleteOnTermination);
    }

    [Fact]
    public async Task AttachNetworkInterface_DeviceIndexTaken_InvalidParameterValue()
    {
        var first = await CreateEniAsync();
        var second = await CreateEniAsync();
        await AttachAsync(first.NetworkInterfaceId, 1);

        var e = await FailsAsync(() => AttachAsync(second.NetworkInterfaceId, 1));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
        Assert.Contains("device index '1'", e.Message, StringComparison.Ordinal);
        Assert.Equal("available", Emulator.State.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == second.NetworkInterfaceId).Status);
    }

    [Fact]
    public async Task AttachNetworkInterface_AlreadyAttached_InvalidParameterValue()
    {
        var eni = await CreateEniAsync();
        await AttachAsync(eni.NetworkInterfaceId, 1);

        var e = await FailsAsync(() => AttachAsync(eni.NetworkInterfaceId, 2));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
    }

    [Fact]
    public async Task AttachNetworkInterface_BeyondInstanceTypeLimit_AttachmentLimitExceeded()
    {
        // m5.large: 3 ENIs including the primary.
        await AttachAsync((await CreateEniAsync()).NetworkInterfaceId, 1);
        await AttachAsync((await CreateEniAsync()).NetworkInterfaceId, 2);
        var fourth = await CreateEniAsync();

        var e = await FailsAsync(() => AttachAsync(fourth.NetworkInterfaceId, 3));

        Assert.Equal("AttachmentLimitExceeded", e.ErrorCode);
    }

    [Fact]
    public async Task DeleteNetworkInterface_Attached_InUse()
    {
        var eni = await CreateEniAsync();
        await AttachAsync(eni.NetworkInterfaceId, 1);

        var e = await FailsAsync(() => Ec2.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = eni.NetworkInterfaceId }));

        Assert.Equal("InvalidNetworkInterface.InUse", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task DetachThenDelete_Attached_GoneAndAddressesFreed()
    {
        var subnetFree = Emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.32.0/19").AvailableIpAddressCount;
        var eni = await CreateEniAsync(secondaryCount: 4);
        var attachmentId = await AttachAsync(eni.NetworkInterfaceId, 1);

        await Ec2.DetachNetworkInterfaceAsync(new DetachNetworkInterfaceRequest { AttachmentId = attachmentId });
        await Ec2.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = eni.NetworkInterfaceId });

        var state = Emulator.State.Snapshot();
        Assert.DoesNotContain(state.NetworkInterfaces, n => n.NetworkInterfaceId == eni.NetworkInterfaceId);
        Assert.Equal(subnetFree, state.Subnets.Single(s => s.CidrBlock == "10.0.32.0/19").AvailableIpAddressCount);
    }

    [Fact]
    public async Task DeleteNetworkInterface_Missing_NotFound()
    {
        var e = await FailsAsync(() => Ec2.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = "eni-0000000000000dead" }));

        Assert.Equal("InvalidNetworkInterfaceID.NotFound", e.ErrorCode);
    }

    [Fact]
    public async Task DetachNetworkInterface_PrimaryEni_OperationNotPermitted()
    {
        var primary = Emulator.State.Snapshot().NetworkInterfaces.Single(n => n.Attachment?.DeviceIndex == 0);

        var e = await FailsAsync(() => Ec2.DetachNetworkInterfaceAsync(new DetachNetworkInterfaceRequest { AttachmentId = primary.Attachment!.AttachmentId }));

        Assert.Equal("OperationNotPermitted", e.ErrorCode);
    }

    [Fact]
    public async Task DetachNetworkInterface_UnknownAttachment_InvalidAttachmentIdNotFound()
    {
        var e = await FailsAsync(() => Ec2.DetachNetworkInterfaceAsync(new DetachNetworkInterfaceRequest { AttachmentId = "eni-attach-0000000000000dead" }));

        Assert.Equal("InvalidAttachmentID.NotFound", e.ErrorCode);
    }

    [Fact]
    public async Task ModifyAttribute_DeleteOnTermination_TerminationDeletesOnlyThoseEnis()
    {
        var kept = await CreateEniAsync();
        var deleted = await CreateEniAsync();
        await AttachAsync(kept.NetworkInterfaceId, 1);
        var attachmentId = await AttachAsync(deleted.NetworkInterfaceId, 2);

        await Ec2.ModifyNetworkInterfaceAttributeAsync(new ModifyNetworkInterfaceAttributeRequest
        {
            NetworkInterfaceId = deleted.NetworkInterfaceId,
            Attachment = new NetworkInterfaceAttachmentChanges { AttachmentId = attachmentId, DeleteOnTermination = true },
        });
        Emulator.State.TerminateInstance();

        var enis = Emulator.State.Snapshot().NetworkInterfaces;
        var leftover = Assert.Single(enis);
        Assert.Equal(kept.NetworkInterfaceId, leftover.NetworkInterfaceId);
        Assert.Equal("available", leftover.Status);
    }

    [Fact]
    public async Task ModifyAttribute_WrongAttachmentId_InvalidAttachmentIdNotFound()
    {
        var eni = await CreateEniAsync();
        await AttachAsync(eni.NetworkInterfaceId, 1);

        var e = await FailsAsync(() => Ec2.ModifyNetworkInterfaceAttributeAsync(new ModifyNetworkInterfaceAttributeRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId,
            Attachment = new NetworkInterfaceAttachmentChanges { AttachmentId = "eni-attach-0000000000000dead", DeleteOnTermination = true },
        }));

        Assert.Equal("InvalidAttachmentID.NotFound", e.ErrorCode);
    }

    [Fact]
    public async Task CreateAndDeleteTags_OnEni_VisibleInDescribeTags()
    {
        var eni = await CreateEniAsync();

        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [eni.NetworkInterfaceId], Tags = [new Tag("owner", "cloudnet"), new Tag("x", "1")] });
        await Ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [eni.NetworkInterfaceId], Tags = [new Tag { Key = "x" }] });
        var tags = await Ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [eni.NetworkInterfaceId])] });

        var tag = Assert.Single(tags.Tags);
        Assert.Equal(("owner", "cloudnet", "network-interface"), (tag.Key, tag.Value, tag.ResourceType.Value));
    }
}
