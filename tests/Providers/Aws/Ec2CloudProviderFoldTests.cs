using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests;

// Changes the provider made and EC2 confirmed in its response are folded into the EC2 view, so the
// describe after them costs no DescribeNetworkInterfaces while IMDS agrees or, for a while, lags.
public sealed class Ec2CloudProviderFoldTests : IAsyncLifetime
{
    private EmulatorHandle _emulator = null!;

    public async Task InitializeAsync() => _emulator = await AwsTestProvider.StartEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static long Calls(EmulatorHandle emulator, string action) =>
        emulator.Calls.Snapshot().Actions.TryGetValue(action, out var a) ? a.Calls : 0;

    [Fact]
    public async Task CreateAssignRelease_ViewFresh_NoDescribeAndTheViewMatchesEc2()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        await provider.DescribeAsync(CancellationToken.None);
        _emulator.Calls.Reset();

        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        var assigned = await provider.AssignAddressesAsync(eni.Id, 3, CancellationToken.None);
        var afterAssign = await provider.DescribeAsync(CancellationToken.None);
        await provider.ReleaseAddressesAsync(eni.Id, [assigned[0]], CancellationToken.None);
        var afterRelease = await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(0, Calls(_emulator, "DescribeNetworkInterfaces"));
        Assert.Equal(1, Calls(_emulator, "CreateNetworkInterface"));
        Assert.Equal(1, Calls(_emulator, "AttachNetworkInterface"));
        Assert.Equal(2, provider.DescribesFromView);
        Assert.Equal(1, Assert.Single(afterAssign.Interfaces, i => i.Id == eni.Id).DeviceIndex);
        Assert.Equal(assigned.ToHashSet(), Assert.Single(afterAssign.Interfaces, i => i.Id == eni.Id).Addresses.ToHashSet());
        using var fresh = AwsTestProvider.Create(_emulator, o => o.Ec2ResyncInterval = TimeSpan.Zero);
        var truth = await fresh.DescribeAsync(CancellationToken.None);
        Assert.Equal(
            truth.Interfaces.Select(i => (i.Id, i.DeviceIndex, string.Join(",", i.Addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal)))),
            afterRelease.Interfaces.Select(i => (i.Id, i.DeviceIndex, string.Join(",", i.Addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal)))));
    }

    [Fact]
    public async Task DeleteInterfaceAsync_ViewFresh_NextDescribeFromTheViewWithoutIt()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        await provider.DescribeAsync(CancellationToken.None);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        await provider.DeleteInterfaceAsync(eni.Id, CancellationToken.None);
        _emulator.Calls.Reset();

        var node = await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(0, Calls(_emulator, "DescribeNetworkInterfaces"));
        Assert.DoesNotContain(node.Interfaces, i => i.Id == eni.Id);
        Assert.Single(node.Interfaces);
    }

    [Fact]
    public async Task DescribeAsync_ForeignAddressNextToItsOwnChange_Ec2Answers()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        await provider.DescribeAsync(CancellationToken.None);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        await provider.AssignAddressesAsync(eni.Id, 2, CancellationToken.None);
        using var sdk = AwsTestProvider.SdkClient(_emulator);
        await sdk.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.Id, SecondaryPrivateIpAddressCount = 1 });
        _emulator.Calls.Reset();

        var node = await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(1, Calls(_emulator, "DescribeNetworkInterfaces"));
        Assert.Equal(3, Assert.Single(node.Interfaces, i => i.Id == eni.Id).Addresses.Length);
    }

    [Fact]
    public async Task DescribeAsync_ImdsLagsItsOwnChanges_ViewUntilTheSettleTimeThenEc2()
    {
        await using var lagging = await AwsTestProvider.StartEmulatorAsync(o => o.ImdsLag = TimeSpan.FromHours(1));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var provider = AwsTestProvider.Create(lagging, o => o.ImdsSettleTime = TimeSpan.FromMinutes(1), time);
        await provider.DescribeAsync(CancellationToken.None);
        lagging.Calls.Reset();

        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        var afterCreate = await provider.DescribeAsync(CancellationToken.None);
        var assigned = await provider.AssignAddressesAsync(eni.Id, 2, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        var afterAssign = await provider.DescribeAsync(CancellationToken.None);
        var fromView = Calls(lagging, "DescribeNetworkInterfaces");
        time.Advance(TimeSpan.FromSeconds(1));
        var settled = await provider.DescribeAsync(CancellationToken.None);

        // IMDS shows neither the ENI nor its addresses (for an hour): within the minute the folded
        // view answers, after it EC2 does.
        Assert.Equal(0, fromView);
        Assert.Equal(1, Calls(lagging, "DescribeNetworkInterfaces"));
        Assert.Contains(afterCreate.Interfaces, i => i.Id == eni.Id);
        Assert.Equal(assigned.ToHashSet(), Assert.Single(afterAssign.Interfaces, i => i.Id == eni.Id).Addresses.ToHashSet());
        Assert.Equal(assigned.ToHashSet(), Assert.Single(settled.Interfaces, i => i.Id == eni.Id).Addresses.ToHashSet());
    }

    [Fact]
    public async Task DescribeAsync_SettleTimeZero_AsksEc2AfterEveryChangeImdsLags()
    {
        await using var lagging = await AwsTestProvider.StartEmulatorAsync(o => o.ImdsLag = TimeSpan.FromHours(1));
        using var provider = AwsTestProvider.Create(lagging, o => o.ImdsSettleTime = TimeSpan.Zero);
        await provider.DescribeAsync(CancellationToken.None);
        await provider.CreateInterfaceAsync(CancellationToken.None);
        lagging.Calls.Reset();

        await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(1, Calls(lagging, "DescribeNetworkInterfaces"));
    }

    [Fact]
    public async Task AssignAddressesAsync_ChangeFailed_NextDescribeAsksEc2()
    {
        using var provider = AwsTestProvider.Create(_emulator);
        await provider.DescribeAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => provider.AssignAddressesAsync("eni-doesnotexist", 1, CancellationToken.None));
        _emulator.Calls.Reset();

        await provider.DescribeAsync(CancellationToken.None);

        Assert.Equal(1, Calls(_emulator, "DescribeNetworkInterfaces"));
    }
}
