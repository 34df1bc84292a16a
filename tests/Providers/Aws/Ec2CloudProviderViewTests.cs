using Amazon.EC2.Model;
using Cloudnet.Emulator;

namespace Cloudnet.Providers.Aws.Tests;

// The safety-net describe answers from the last EC2 view while IMDS agrees and nothing changed,
// and goes to EC2 whenever either is not so.
public sealed class Ec2CloudProviderViewTests : IAsyncLifetime
{
    private EmulatorHandle _emulator = null!;

    public async Task InitializeAsync() => _emulator = await AwsTestProvider.StartEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private long DescribeCalls() => _emulator.Calls.Snapshot().Actions.TryGetValue("DescribeNetworkInterfaces", out var a) ? a.Calls : 0;

    [Fact]
    public async Task DescribeAsync_NothingChangedAndImdsAgrees_AnswersWithoutEc2()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        await provider.AssignAddressesAsync(eni.Id, 3, CancellationToken.None);
        var first = await provider.DescribeAsync(CancellationToken.None);
        _emulator.Calls.Reset();

        var second = await provider.DescribeAsync(CancellationToken.None);
        var third = await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(0, _emulator.Calls.Snapshot().Total);
        Assert.Equal(2, provider.DescribesFromView);
        Assert.Same(first, second);
        Assert.Same(first, third);
    }

    [Fact]
    public async Task DescribeAsync_AddressesAssignedBehindItsBack_ImdsDisagreesAndEc2Answers()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        await provider.DescribeAsync(CancellationToken.None);
        using var sdk = AwsTestProvider.SdkClient(_emulator);
        await sdk.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.Id, SecondaryPrivateIpAddressCount = 2 });
        _emulator.Calls.Reset();

        var node = await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(1, DescribeCalls());
        Assert.Equal(2, Assert.Single(node.Interfaces, i => i.Id == eni.Id).Addresses.Length);
        Assert.Equal(0, provider.DescribesFromView);
    }

    [Fact]
    public async Task DescribeAsync_AfterItsOwnChangeWhileImdsLags_KeepsAskingEc2UntilImdsAgrees()
    {
        await using var lagging = await AwsTestProvider.StartEmulatorAsync(o => o.ImdsLag = TimeSpan.FromHours(1));
        using var provider = AwsTestProvider.Create(lagging);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        await provider.DescribeAsync(CancellationToken.None);
        var assigned = await provider.AssignAddressesAsync(eni.Id, 3, CancellationToken.None);
        lagging.Calls.Reset();

        var afterChange = await provider.DescribeAsync(CancellationToken.None);
        var later = await provider.DescribeAsync(CancellationToken.None);

        // IMDS still shows neither the new ENI's addresses nor (for an hour) the ENI: EC2 answers both times.
        var calls = lagging.Calls.Snapshot().Actions["DescribeNetworkInterfaces"].Calls;
        Assert.Equal(2, calls);
        Assert.Equal(0, provider.DescribesFromView);
        Assert.Equal(assigned.ToHashSet(), Assert.Single(afterChange.Interfaces, i => i.Id == eni.Id).Addresses.ToHashSet());
        Assert.Equal(assigned.ToHashSet(), Assert.Single(later.Interfaces, i => i.Id == eni.Id).Addresses.ToHashSet());
    }

    [Fact]
    public async Task DescribeAsync_ResyncIntervalZero_AlwaysAsksEc2()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.Ec2ResyncInterval = TimeSpan.Zero);
        await provider.DescribeAsync(CancellationToken.None);
        _emulator.Calls.Reset();

        await provider.DescribeAsync(CancellationToken.None);
        await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(2, DescribeCalls());
        Assert.Equal(0, provider.DescribesFromView);
    }

    [Fact]
    public async Task DescribeAsync_ImdsOnlyKnownThroughConfiguredInstanceId_AlwaysAsksEc2()
    {
        // With the instance id configured the provider reads no IMDS at all, so it cannot check a view.
        using var provider = AwsTestProvider.Create(_emulator, o =>
        {
            o.InstanceId = _emulator.State.InstanceId;
            o.Region = "us-east-1";
        });
        await provider.DescribeAsync(CancellationToken.None);
        _emulator.Calls.Reset();

        await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(1, DescribeCalls());
    }
}
