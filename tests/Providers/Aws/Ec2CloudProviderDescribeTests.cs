using System.Net;
using Cloudnet.Emulator;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;

namespace Cloudnet.Providers.Aws.Tests;

public sealed class Ec2CloudProviderDescribeTests : IAsyncLifetime
{
    private EmulatorHandle _emulator = null!;

    public async Task InitializeAsync() => _emulator = await AwsTestProvider.StartEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task DescribeAsync_FreshNode_MatchesTheCloudsState()
    {
        using var provider = AwsTestProvider.Create(_emulator);

        var node = await provider.DescribeAsync(CancellationToken.None);

        var state = _emulator.State.Snapshot();
        var primaryEni = state.NetworkInterfaces.Single(n => n.Attachment?.DeviceIndex == 0);
        Assert.Equal(_emulator.State.InstanceId, node.NodeId);
        Assert.Equal("m5.large", node.InstanceType);
        Assert.Equal([Cidr.Parse("10.0.0.0/16")], node.VpcCidrs.ToArray());
        Assert.Equal(3, node.Limits.MaxInterfaces);
        Assert.Equal(9, node.Limits.AddressesPerInterface);
        Assert.Equal(0, node.Limits.PrefixesPerInterface);
        var primary = Assert.Single(node.Interfaces);
        Assert.Equal(primaryEni.NetworkInterfaceId, primary.Id);
        Assert.Equal(primaryEni.MacAddress, primary.MacAddress);
        Assert.Equal(IPAddress.Parse(primaryEni.PrivateIpAddress), primary.PrimaryAddress);
        Assert.Equal(Cidr.Parse("10.0.0.0/19"), primary.Subnet);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), primary.Gateway);
        Assert.Equal(254, primary.RouteTable);
        Assert.False(primary.ExcludedFromPods);
    }

    [Fact]
    public async Task DescribeAsync_AfterAssign_ShowsEc2sAnswerEvenWhileImdsLags()
    {
        await using var lagging = await AwsTestProvider.StartEmulatorAsync(o => o.ImdsLag = TimeSpan.FromHours(1));
        using var provider = AwsTestProvider.Create(lagging);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);

        var assigned = await provider.AssignAddressesAsync(eni.Id, 3, CancellationToken.None);

        var node = await provider.DescribeAsync(CancellationToken.None);
        var listed = Assert.Single(node.Interfaces, i => i.Id == eni.Id);
        Assert.Equal(assigned.ToHashSet(), listed.Addresses.ToHashSet());
        Assert.Equal(2, listed.DeviceIndex == 1 ? listed.RouteTable : -1);
    }

    [Fact]
    public async Task DescribeAsync_CustomNetworking_PrimaryServesNoPods()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.EniSubnetId = SubnetId("10.0.32.0/19"));

        var created = await provider.CreateInterfaceAsync(CancellationToken.None);
        var node = await provider.DescribeAsync(CancellationToken.None);

        Assert.True(node.Interfaces[0].ExcludedFromPods);
        Assert.Equal(Cidr.Parse("10.0.32.0/19"), Assert.Single(node.Interfaces, i => i.Id == created.Id).Subnet);
    }

    [Fact]
    public async Task DescribeAsync_ImdsOnly_UsesImdsAndMakesNoEc2Call()
    {
        using var normal = AwsTestProvider.Create(_emulator);
        var eni = await normal.CreateInterfaceAsync(CancellationToken.None);
        await normal.AssignAddressesAsync(eni.Id, 2, CancellationToken.None);
        _emulator.Calls.Reset();
        using var imdsOnly = AwsTestProvider.Create(_emulator, o => o.ImdsOnly = true);

        var node = await imdsOnly.DescribeAsync(CancellationToken.None);

        Assert.Equal(0, _emulator.Calls.Snapshot().Total);
        Assert.Equal(2, node.Interfaces.Length);
        Assert.Equal(2, Assert.Single(node.Interfaces, i => i.Id == eni.Id).Addresses.Length);
        Assert.Equal(3, node.Limits.MaxInterfaces);
    }

    [Fact]
    public async Task CreateInterfaceAsync_ImdsOnly_FailsNamingTheMode()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.ImdsOnly = true);

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => provider.CreateInterfaceAsync(CancellationToken.None));

        Assert.Contains("IMDS-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.Calls.Snapshot().Total);
    }

    [Theory]
    [InlineData("m5.large", false, 29)]
    [InlineData("m5.large", true, 110)]
    [InlineData("t3.medium", false, 17)]
    public async Task MaxPodsAsync_InstanceType_ComputedAsAwsDoes(string instanceType, bool prefix, int expected)
    {
        await using var emulator = await AwsTestProvider.StartEmulatorAsync(o => o.InstanceType = instanceType);
        using var provider = AwsTestProvider.Create(emulator, o => o.PrefixDelegation = prefix);

        Assert.Equal(expected, await provider.MaxPodsAsync(CancellationToken.None));
    }

    private string SubnetId(string cidr) => _emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == cidr).SubnetId;
}
