using System.Diagnostics.Metrics;
using Cloudnet.Emulator;
using Cloudnet.Ipam.Cloud;

namespace Cloudnet.Providers.Aws.Tests;

public sealed class Ec2CloudProviderPrefixTests : IAsyncLifetime
{
    private EmulatorHandle _emulator = null!;

    public async Task InitializeAsync() => _emulator = await AwsTestProvider.StartEmulatorAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task AssignPrefixesAsync_SubnetWithoutAFreeAlignedSlash28_ThrowsInsufficientCidrBlocksAndCountsIt()
    {
        // A /27 has no usable /28: EC2 reserves .0–.3 in the first and the broadcast in the second.
        var small = _emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.64.0/27").SubnetId;
        using var metrics = new AwsMetrics();
        using var provider = AwsTestProvider.Create(_emulator, o => { o.PrefixDelegation = true; o.EniSubnetId = small; }, metrics: metrics);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        long fallbacks = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "cloudnet_aws_prefix_insufficient_cidr_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref fallbacks, value));
        listener.Start();

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => provider.AssignPrefixesAsync(eni.Id, 1, CancellationToken.None));

        Assert.Equal(CloudErrorKind.InsufficientCidrBlocks, error.Kind);
        Assert.Equal(1, Interlocked.Read(ref fallbacks));
        Assert.NotEmpty(await provider.AssignAddressesAsync(eni.Id, 2, CancellationToken.None));
    }

    [Fact]
    public async Task AssignPrefixesAsync_RoomySubnet_ReturnsAlignedSlash28s()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.PrefixDelegation = true);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);

        var prefixes = await provider.AssignPrefixesAsync(eni.Id, 3, CancellationToken.None);

        Assert.Equal(3, prefixes.Count);
        Assert.All(prefixes, p => Assert.Equal(28, p.PrefixLength));
        var state = _emulator.State.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == eni.Id);
        Assert.Equal(prefixes.Select(p => p.ToString()).Order(), state.Ipv4Prefixes.Order());
    }
}
