using Cloudnet.Emulator;
using Cloudnet.Ipam.Cloud;

namespace Cloudnet.Providers.Aws.Tests;

// A new ENI is created with its addresses or prefixes in the CreateNetworkInterface call itself, as
// aws-node does: Create, Attach and Modify, no AssignPrivateIpAddresses.
public sealed class Ec2CloudProviderCreateFillTests : IAsyncLifetime
{
    private EmulatorHandle _emulator = null!;

    public async Task InitializeAsync() => _emulator = await AwsTestProvider.StartEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private long Calls(string action) => _emulator.Calls.Snapshot().Actions.TryGetValue(action, out var a) ? a.Calls : 0;

    [Fact]
    public async Task CreateInterfaceAsync_WithAddresses_AssignedInTheCreateCallAndInTheView()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        await provider.DescribeAsync(CancellationToken.None);
        _emulator.Calls.Reset();

        var created = await provider.CreateInterfaceAsync(new InterfaceFill(Addresses: 5), CancellationToken.None);
        var described = await provider.DescribeAsync(CancellationToken.None);

        var eni = _emulator.State.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == created.Id);
        Assert.Equal(5, created.Addresses.Length);
        Assert.Equal(eni.SecondaryPrivateIpAddresses.Order(), created.Addresses.Select(a => a.ToString()).Order());
        Assert.DoesNotContain(eni.PrivateIpAddress, created.Addresses.Select(a => a.ToString()));
        Assert.Equal(created.Addresses.ToHashSet(), described.Interfaces.Single(i => i.Id == created.Id).Addresses.ToHashSet());
        Assert.Equal(1, Calls("CreateNetworkInterface"));
        Assert.Equal(1, Calls("AttachNetworkInterface"));
        Assert.Equal(1, Calls("ModifyNetworkInterfaceAttribute"));
        Assert.Equal(0, Calls("AssignPrivateIpAddresses"));
        Assert.Equal(0, Calls("DescribeNetworkInterfaces"));
    }

    [Fact]
    public async Task CreateInterfaceAsync_WithPrefixes_AlignedSlash28sInTheCreateCall()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.PrefixDelegation = true);
        _emulator.Calls.Reset();

        var created = await provider.CreateInterfaceAsync(new InterfaceFill(Prefixes: 2), CancellationToken.None);

        var eni = _emulator.State.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == created.Id);
        Assert.Equal(2, created.Prefixes.Length);
        Assert.All(created.Prefixes, p => Assert.Equal(28, p.PrefixLength));
        Assert.Equal(eni.Ipv4Prefixes.Order(), created.Prefixes.Select(p => p.ToString()).Order());
        Assert.Empty(created.Addresses);
        Assert.Equal(0, Calls("AssignPrivateIpAddresses"));
    }

    [Fact]
    public async Task CreateInterfaceAsync_PrefixesInAFragmentedSubnet_CreatedEmptyAndTheFallbackCounted()
    {
        // A /27 has no usable /28: EC2 reserves .0–.3 in the first and the broadcast in the second.
        var small = _emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.64.0/27").SubnetId;
        using var metrics = new AwsMetrics();
        using var provider = AwsTestProvider.Create(_emulator, o => { o.PrefixDelegation = true; o.EniSubnetId = small; }, metrics: metrics);
        var before = metrics.PrefixFallbacks;

        var created = await provider.CreateInterfaceAsync(new InterfaceFill(Prefixes: 1), CancellationToken.None);

        var eni = _emulator.State.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == created.Id);
        Assert.Empty(eni.Ipv4Prefixes);
        Assert.Empty(created.Prefixes);
        Assert.Equal(small, eni.SubnetId);
        Assert.Equal(before + 1, metrics.PrefixFallbacks);
        Assert.Equal(2, _emulator.State.Snapshot().NetworkInterfaces.Count);
    }

    [Fact]
    public async Task CreateInterfaceAsync_FillBeyondTheEniLimit_FailsAndLeavesNoEni()
    {
        using var provider = AwsTestProvider.Create(_emulator);

        // m5.large: 10 addresses per ENI, the primary included.
        var error = await Assert.ThrowsAsync<CloudProviderException>(() => provider.CreateInterfaceAsync(new InterfaceFill(Addresses: 40), CancellationToken.None));

        Assert.Equal("CreateNetworkInterface", error.Operation);
        Assert.Single(_emulator.State.Snapshot().NetworkInterfaces);
    }

    [Fact]
    public async Task DeleteInterfaceAsync_ViewKnowsTheAttachment_DetachesAndDeletesWithoutDescribe()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        await provider.DescribeAsync(CancellationToken.None);
        var created = await provider.CreateInterfaceAsync(new InterfaceFill(Addresses: 2), CancellationToken.None);
        _emulator.Calls.Reset();

        await provider.DeleteInterfaceAsync(created.Id, CancellationToken.None);

        Assert.DoesNotContain(_emulator.State.Snapshot().NetworkInterfaces, n => n.NetworkInterfaceId == created.Id);
        Assert.Equal(0, Calls("DescribeNetworkInterfaces"));
        Assert.Equal(1, Calls("DetachNetworkInterface"));
        Assert.DoesNotContain(created.Id, (await provider.DescribeAsync(CancellationToken.None)).Interfaces.Select(i => i.Id));
    }

    [Fact]
    public async Task DeleteInterfaceAsync_ReattachedBehindOurBack_AsksEc2AndStillDeletes()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        await provider.DescribeAsync(CancellationToken.None);
        var created = await provider.CreateInterfaceAsync(CancellationToken.None);
        var state = _emulator.State;
        var attachment = state.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == created.Id).Attachment!;
        state.DetachNetworkInterface(attachment.AttachmentId);
        state.AttachNetworkInterface(created.Id, state.InstanceId, created.DeviceIndex); // a new attachment id, same device
        _emulator.Calls.Reset();

        await provider.DeleteInterfaceAsync(created.Id, CancellationToken.None);

        Assert.DoesNotContain(_emulator.State.Snapshot().NetworkInterfaces, n => n.NetworkInterfaceId == created.Id);
        Assert.Equal(1, Calls("DescribeNetworkInterfaces"));
        Assert.Equal(2, Calls("DetachNetworkInterface")); // the stale attachment (NotFound), then EC2's
    }

    [Fact]
    public async Task DeleteInterfaceAsync_DescribeBeforeDetach_DescribesAsAwsNodeDoes()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.DescribeBeforeDetach = true);
        await provider.DescribeAsync(CancellationToken.None);
        var created = await provider.CreateInterfaceAsync(CancellationToken.None);
        _emulator.Calls.Reset();

        await provider.DeleteInterfaceAsync(created.Id, CancellationToken.None);

        Assert.Equal(1, Calls("DescribeNetworkInterfaces"));
        Assert.Equal(1, Calls("DetachNetworkInterface"));
        Assert.DoesNotContain(_emulator.State.Snapshot().NetworkInterfaces, n => n.NetworkInterfaceId == created.Id);
    }
}
