using Cloudnet.Emulator;
using Cloudnet.Emulator.Faults;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.Aws.Ec2;

namespace Cloudnet.Providers.Aws.Tests;

public sealed class Ec2CloudProviderInterfaceTests : IAsyncLifetime
{
    private EmulatorHandle _emulator = null!;
    private Ec2CloudProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _emulator = await AwsTestProvider.StartEmulatorAsync();
        _provider = AwsTestProvider.Create(_emulator);
    }

    public async Task DisposeAsync()
    {
        _provider.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task CreateInterfaceAsync_FreshNode_TaggedDeleteOnTerminationInPrimarysSubnetAndGroups()
    {
        var created = await _provider.CreateInterfaceAsync(CancellationToken.None);

        var state = _emulator.State.Snapshot();
        var primary = state.NetworkInterfaces.Single(n => n.Attachment?.DeviceIndex == 0);
        var eni = state.NetworkInterfaces.Single(n => n.NetworkInterfaceId == created.Id);
        Assert.Equal(1, eni.Attachment!.DeviceIndex);
        Assert.True(eni.Attachment.DeleteOnTermination);
        Assert.Equal(primary.SubnetId, eni.SubnetId);
        Assert.Equal(primary.SecurityGroupIds, eni.SecurityGroupIds);
        Assert.Equal(EniTags.OwnerValue, eni.Tags[EniTags.Owner]);
        Assert.Equal(AwsTestProvider.Cluster, eni.Tags[EniTags.Cluster]);
        Assert.Equal(_emulator.State.InstanceId, eni.Tags[EniTags.InstanceId]);
        Assert.True(DateTimeOffset.TryParse(eni.Tags[EniTags.CreatedAt], out _));
        Assert.Contains(_emulator.State.InstanceId, eni.Description, StringComparison.Ordinal);
        Assert.Equal(eni.MacAddress, created.MacAddress);
        Assert.Equal(2, created.RouteTable);
    }

    [Fact]
    public async Task CreateInterfaceAsync_AttachFails_DeletesTheNewEni()
    {
        _emulator.Faults.Set(new FaultSettings { Rules = [new FaultRule { Action = "AttachNetworkInterface", ErrorRate = 1, ErrorCode = "InvalidParameterValue" }] });

        await Assert.ThrowsAsync<CloudProviderException>(() => _provider.CreateInterfaceAsync(CancellationToken.None));

        Assert.Single(_emulator.State.Snapshot().NetworkInterfaces);
    }

    [Fact]
    public async Task CreateInterfaceAsync_DeleteOnTerminationFails_DetachesAndDeletesTheNewEni()
    {
        _emulator.Faults.Set(new FaultSettings { Rules = [new FaultRule { Action = "ModifyNetworkInterfaceAttribute", ErrorRate = 1, ErrorCode = "InvalidParameterValue" }] });

        await Assert.ThrowsAsync<CloudProviderException>(() => _provider.CreateInterfaceAsync(CancellationToken.None));

        Assert.Single(_emulator.State.Snapshot().NetworkInterfaces);
    }

    [Fact]
    public async Task DeleteInterfaceAsync_Ec2SaysInUseForAWhile_RetriesUntilDeleted()
    {
        var created = await _provider.CreateInterfaceAsync(CancellationToken.None);
        _emulator.Faults.Set(new FaultSettings { Seed = 3, Rules = [new FaultRule { Action = "DeleteNetworkInterface", ErrorRate = 0.6, ErrorCode = Ec2Errors.InUse }] });

        await _provider.DeleteInterfaceAsync(created.Id, CancellationToken.None);

        Assert.DoesNotContain(_emulator.State.Snapshot().NetworkInterfaces, n => n.NetworkInterfaceId == created.Id);
    }

    [Fact]
    public async Task DeleteInterfaceAsync_Primary_RefusesAndKeepsIt()
    {
        var primary = (await _provider.DescribeAsync(CancellationToken.None)).Interfaces[0];

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => _provider.DeleteInterfaceAsync(primary.Id, CancellationToken.None));

        Assert.Contains("primary", error.Message, StringComparison.Ordinal);
        Assert.Single(_emulator.State.Snapshot().NetworkInterfaces);
    }

    [Fact]
    public async Task AssignAddressesAsync_NoPermission_UnauthorizedNamingTheAction()
    {
        var created = await _provider.CreateInterfaceAsync(CancellationToken.None);
        _emulator.Faults.Set(new FaultSettings { Rules = [new FaultRule { Action = "AssignPrivateIpAddresses", ErrorRate = 1, ErrorCode = "UnauthorizedOperation" }] });

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => _provider.AssignAddressesAsync(created.Id, 1, CancellationToken.None));

        Assert.Equal(CloudErrorKind.Unauthorized, error.Kind);
        Assert.Contains("ec2:AssignPrivateIpAddresses", error.Message, StringComparison.Ordinal);
        Assert.Contains(created.Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignAddressesAsync_SubnetFull_ThrowsCapacity()
    {
        // m5.xlarge: 15 addresses per ENI. The /27 has 27 usable: 15 + 1 taken leaves 11.
        await using var emulator = await AwsTestProvider.StartEmulatorAsync(o => o.InstanceType = "m5.xlarge");
        var small = emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.64.0/27").SubnetId;
        using var provider = AwsTestProvider.Create(emulator, o => o.EniSubnetId = small);
        var first = await provider.CreateInterfaceAsync(CancellationToken.None);
        await provider.AssignAddressesAsync(first.Id, 14, CancellationToken.None);
        var second = await provider.CreateInterfaceAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => provider.AssignAddressesAsync(second.Id, 12, CancellationToken.None));

        Assert.Equal(CloudErrorKind.Capacity, error.Kind);
        Assert.Contains("InsufficientFreeAddressesInSubnet", error.Message, StringComparison.Ordinal);
    }
}
