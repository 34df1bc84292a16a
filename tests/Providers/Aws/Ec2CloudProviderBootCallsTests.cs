using Cloudnet.Emulator;
using Cloudnet.Emulator.State;
using Cloudnet.Ipam.Addressing;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests;

/// <summary>
/// The EC2 calls a booting node makes (bench/aws/README.md, "Fleet start"): on an instance type the
/// built-in table knows, a describe and a fill of the primary ENI, and nothing else — the limits come
/// from the table and the primary ENI's subnet CIDR from IMDS.
/// </summary>
public sealed class Ec2CloudProviderBootCallsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private EmulatorHandle _emulator = null!;

    public async Task InitializeAsync() => _emulator = await AwsTestProvider.StartEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Boot_M5Large_DescribesAndFillsWithTwoCallsOnly()
    {
        using var provider = AwsTestProvider.Create(_emulator, time: _time, random: new Random(3));

        var node = await provider.DescribeAsync(CancellationToken.None);
        var primary = node.Interfaces.Single();
        await provider.AssignAddressesAsync(primary.Id, node.Limits.AddressesPerInterface, CancellationToken.None);
        var maxPods = await provider.MaxPodsAsync(CancellationToken.None);

        var calls = _emulator.Calls.Snapshot();
        Assert.Equal(0, Calls("DescribeInstanceTypes"));
        Assert.Equal(0, Calls("DescribeSubnets"));
        Assert.Equal(1, Calls("DescribeNetworkInterfaces"));
        Assert.Equal(1, Calls("AssignPrivateIpAddresses"));
        Assert.Equal(2, calls.Total);
        Assert.Equal(Cidr.Parse("10.0.0.0/19"), primary.Subnet); // from IMDS
        Assert.Equal(9, node.Limits.AddressesPerInterface);     // from the built-in table
        Assert.Equal(29, maxPods);
    }

    [Fact]
    public async Task Boot_TypeNotInTheBuiltInTable_AsksDescribeInstanceTypesAtOnce()
    {
        await using var emulator = await AwsTestProvider.StartEmulatorAsync(o =>
        {
            o.ExtraInstanceTypes.Add(new InstanceTypeInfo("x9.large", 4, 8, 8, 2, 8192));
            o.InstanceType = "x9.large";
        });
        using var provider = AwsTestProvider.Create(emulator, time: _time, random: new Random(3));

        var node = await provider.DescribeAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2));
        await provider.LimitsRefresh;
        await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(1, Calls(emulator, "DescribeInstanceTypes")); // at boot, and never again
        Assert.Equal(4, node.Limits.MaxInterfaces);
        Assert.Equal(7, node.Limits.AddressesPerInterface);
        Assert.Equal((4 * 7) + 2, await provider.MaxPodsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Boot_RefreshWindowZero_AsksDescribeInstanceTypesAtBootEvenForAKnownType()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.InstanceLimitsRefreshWindow = TimeSpan.Zero, _time, random: new Random(3));

        await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(1, Calls("DescribeInstanceTypes"));
    }

    [Fact]
    public async Task CreateInterfaceAsync_CustomNetworkingSubnetImdsLags_AskedOfDescribeSubnets()
    {
        // As on EC2, IMDS shows a new ENI seconds after the attach, later than the provider needs its subnet.
        await using var lagging = await AwsTestProvider.StartEmulatorAsync(o => o.ImdsLag = TimeSpan.FromHours(1));
        var subnetId = lagging.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.32.0/19").SubnetId;
        using var provider = AwsTestProvider.Create(lagging, o => o.EniSubnetId = subnetId, _time, random: new Random(3));

        await provider.DescribeAsync(CancellationToken.None);
        Assert.Equal(0, Calls(lagging, "DescribeSubnets"));
        var created = await provider.CreateInterfaceAsync(CancellationToken.None);
        var second = await provider.CreateInterfaceAsync(CancellationToken.None);

        Assert.Equal(1, Calls(lagging, "DescribeSubnets")); // once, then cached
        Assert.Equal(Cidr.Parse("10.0.32.0/19"), created.Subnet);
        Assert.Equal(Cidr.Parse("10.0.32.0/19"), second.Subnet);
    }

    [Fact]
    public async Task CreateInterfaceAsync_CustomNetworkingSubnetImdsCaughtUp_TakenFromImds()
    {
        var subnetId = _emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.32.0/19").SubnetId;
        using var provider = AwsTestProvider.Create(_emulator, o => o.EniSubnetId = subnetId, _time, random: new Random(3));

        await provider.DescribeAsync(CancellationToken.None);
        var created = await provider.CreateInterfaceAsync(CancellationToken.None);

        Assert.Equal(0, Calls("DescribeSubnets")); // the emulator's IMDS here lists the new ENI at once
        Assert.Equal(Cidr.Parse("10.0.32.0/19"), created.Subnet);
    }

    [Fact]
    public async Task CreateInterfaceAsync_PrimarysSubnet_NoDescribeSubnets()
    {
        using var provider = AwsTestProvider.Create(_emulator, time: _time, random: new Random(3));

        await provider.DescribeAsync(CancellationToken.None);
        var created = await provider.CreateInterfaceAsync(CancellationToken.None);

        Assert.Equal(0, Calls("DescribeSubnets"));
        Assert.Equal(Cidr.Parse("10.0.0.0/19"), created.Subnet);
    }

    [Fact]
    public async Task ImdsOnly_HoursPass_NoEc2CallEver()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.ImdsOnly = true, _time, random: new Random(3));

        await provider.DescribeAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(3));
        await provider.LimitsRefresh;
        var maxPods = await provider.MaxPodsAsync(CancellationToken.None);

        Assert.Equal(0, _emulator.Calls.Snapshot().Total);
        Assert.Equal(29, maxPods);
    }

    private long Calls(string action) => Calls(_emulator, action);

    private static long Calls(EmulatorHandle emulator, string action) =>
        emulator.Calls.Snapshot().Actions.TryGetValue(action, out var a) ? a.Calls : 0;
}
