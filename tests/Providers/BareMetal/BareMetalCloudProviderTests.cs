using System.Diagnostics.Metrics;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Tests.Blocks;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.BareMetal.Tests;

public class BareMetalCloudProviderTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task DescribeAsync_NoBlocks_OnlyThePrimaryExcludedFromPods()
    {
        var settings = TestSettings.For("n1");
        using var provider = TestSettings.Provider(settings, new InMemoryBlockStore(settings.Pool));

        var node = await provider.DescribeAsync(Ct);

        var primary = Assert.Single(node.Interfaces);
        Assert.True(primary.IsPrimary);
        Assert.True(primary.ExcludedFromPods);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), primary.PrimaryAddress);
        Assert.Equal(17, node.Limits.MaxInterfaces);
        Assert.Equal(64, node.Limits.AddressesPerInterface);
        Assert.Equal([Cidr.Parse("10.244.0.0/24")], node.VpcCidrs.ToArray());
    }

    [Theory]
    [InlineData("10.244.0.0/24", 30, 4)]
    [InlineData("10.244.0.0/24", 26, 64)]
    [InlineData("fd00::/120", 26, 64)]
    public async Task DescribeAsync_Limits_AddressesPerInterfaceIsThePoolsBlockSize(string pool, int v4Prefix, int expected)
    {
        var settings = TestSettings.For("n1") with { Pool = new BlockPool([Cidr.Parse(pool)], v4Prefix, 122) };
        using var provider = TestSettings.Provider(settings, new InMemoryBlockStore(settings.Pool));

        var node = await provider.DescribeAsync(Ct);

        Assert.Equal(expected, node.Limits.AddressesPerInterface);
    }

    [Fact]
    public async Task CreateInterfaceAsync_FreePool_ClaimsBlockWithAllItsAddresses()
    {
        var settings = TestSettings.For("n1");
        var store = new InMemoryBlockStore(settings.Pool);
        using var provider = TestSettings.Provider(settings, store);

        var created = await provider.CreateInterfaceAsync(Ct);

        Assert.Equal(InterfaceKind.Block, created.Kind);
        Assert.Equal(RouteTables.Main, created.RouteTable);
        var block = created.Subnet!.Value;
        Assert.Equal(BlockNames.Of(block), created.Id);
        Assert.Equal(64, created.Addresses.Length);
        Assert.All(created.Addresses, a => Assert.True(block.Contains(a)));
        var claim = Assert.Single(await store.ListAsync(Ct));
        Assert.Equal(new BlockClaim(block, "n1"), claim);
        var described = await provider.DescribeAsync(Ct);
        Assert.Equal(created.Id, described.Interfaces[1].Id);
    }

    [Fact]
    public async Task CreateInterfaceAsync_BlocksHeldByOthers_SkipsThem()
    {
        var settings = TestSettings.For("n1");
        var store = new InMemoryBlockStore(settings.Pool);
        var all = settings.Pool.Candidates("x").ToList();
        foreach (var block in all.Take(3))
        {
            store.Put(block, "other");
        }

        using var provider = TestSettings.Provider(settings, store);

        var created = await provider.CreateInterfaceAsync(Ct);

        Assert.Equal(all[3], created.Subnet);
    }

    [Fact]
    public async Task CreateInterfaceAsync_PoolExhausted_CapacityErrorNamingPoolAndMetric()
    {
        var settings = TestSettings.For("n1", pool: "10.244.0.0/25");
        var store = new InMemoryBlockStore(settings.Pool);
        using var metrics = new BareMetalMetrics();
        long exhausted = 0;
        using var listener = Listen(metrics, "cloudnet_baremetal_pool_exhausted", v => exhausted += v);
        using var provider = TestSettings.Provider(settings, store, metrics: metrics);
        store.Put(Cidr.Parse("10.244.0.0/26"), "other");
        await provider.CreateInterfaceAsync(Ct);

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => provider.CreateInterfaceAsync(Ct));

        Assert.Equal(CloudErrorKind.Capacity, error.Kind);
        Assert.Contains("10.244.0.0/25", error.Message, StringComparison.Ordinal);
        Assert.Contains("no free block", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, exhausted);
    }

    [Fact]
    public async Task CreateInterfaceAsync_MaxBlocksReached_CapacityErrorNamingNode()
    {
        var settings = TestSettings.For("n1", maxBlocks: 1);
        using var provider = TestSettings.Provider(settings, new InMemoryBlockStore(settings.Pool));
        await provider.CreateInterfaceAsync(Ct);

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => provider.CreateInterfaceAsync(Ct));

        Assert.Equal(CloudErrorKind.Capacity, error.Kind);
        Assert.Contains("n1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseThenAssignAddresses_ParksAndBringsBackBlockAddresses()
    {
        var settings = TestSettings.For("n1");
        using var provider = TestSettings.Provider(settings, new InMemoryBlockStore(settings.Pool));
        var block = await provider.CreateInterfaceAsync(Ct);
        var parked = block.Addresses.Skip(10).ToList();

        await provider.ReleaseAddressesAsync(block.Id, parked, Ct);
        var afterRelease = (await provider.DescribeAsync(Ct)).Interfaces[1];
        var back = await provider.AssignAddressesAsync(block.Id, 5, Ct);
        var afterAssign = (await provider.DescribeAsync(Ct)).Interfaces[1];

        Assert.Equal(10, afterRelease.Addresses.Length);
        Assert.Equal(parked.Take(5), back);
        Assert.Equal(15, afterAssign.Addresses.Length);
    }

    [Fact]
    public async Task AssignAddressesAsync_UnknownBlock_NotFound()
    {
        var settings = TestSettings.For("n1");
        using var provider = TestSettings.Provider(settings, new InMemoryBlockStore(settings.Pool));

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => provider.AssignAddressesAsync("10-9-9-0-26", 1, Ct));

        Assert.Equal(CloudErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task DeleteInterfaceAsync_BeforeGracePeriod_DrainsBlock_DescribeAfterItReleases()
    {
        var time = new FakeTimeProvider();
        var settings = TestSettings.For("n1", grace: TimeSpan.FromMinutes(5));
        var store = new InMemoryBlockStore(settings.Pool);
        using var provider = TestSettings.Provider(settings, store, time);
        var block = await provider.CreateInterfaceAsync(Ct);

        await provider.DeleteInterfaceAsync(block.Id, Ct);
        var draining = (await provider.DescribeAsync(Ct)).Interfaces.Single(i => i.Id == block.Id);
        time.Advance(TimeSpan.FromMinutes(4));
        await provider.DeleteInterfaceAsync(block.Id, Ct);
        await provider.DescribeAsync(Ct);
        var stillHeld = await store.ListAsync(Ct);
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await provider.DescribeAsync(Ct);

        Assert.True(draining.ExcludedFromPods);
        Assert.Single(stillHeld);
        Assert.Empty(await store.ListAsync(Ct));
        Assert.Single(after.Interfaces);
    }

    [Fact]
    public async Task CreateInterfaceAsync_BlockDraining_RevivesItInsteadOfClaiming()
    {
        var time = new FakeTimeProvider();
        var settings = TestSettings.For("n1", grace: TimeSpan.FromMinutes(5));
        var store = new InMemoryBlockStore(settings.Pool);
        using var provider = TestSettings.Provider(settings, store, time);
        var block = await provider.CreateInterfaceAsync(Ct);
        await provider.ReleaseAddressesAsync(block.Id, block.Addresses.Take(10).ToList(), Ct);

        await provider.DeleteInterfaceAsync(block.Id, Ct);
        time.Advance(TimeSpan.FromMinutes(4));
        var revived = await provider.CreateInterfaceAsync(Ct);
        time.Advance(TimeSpan.FromMinutes(2));
        var node = await provider.DescribeAsync(Ct);

        Assert.Equal(block.Id, revived.Id);
        Assert.False(revived.ExcludedFromPods);
        Assert.Equal(64, revived.Addresses.Length);
        Assert.Single(await store.ListAsync(Ct));
        Assert.False(node.Interfaces.Single(i => i.Id == block.Id).ExcludedFromPods);
    }

    [Fact]
    public async Task DeleteInterfaceAsync_Primary_Refused()
    {
        var settings = TestSettings.For("n1");
        using var provider = TestSettings.Provider(settings, new InMemoryBlockStore(settings.Pool));

        await Assert.ThrowsAsync<CloudProviderException>(() => provider.DeleteInterfaceAsync(BareMetalCloudProvider.PrimaryInterfaceId, Ct));
    }

    [Fact]
    public async Task DeleteInterfaceAsync_UnknownBlock_IsIdempotent()
    {
        var settings = TestSettings.For("n1", grace: TimeSpan.Zero);
        var store = new InMemoryBlockStore(settings.Pool);
        using var provider = TestSettings.Provider(settings, store);

        await provider.DeleteInterfaceAsync("10-244-0-0-26", Ct);

        Assert.Equal(0, store.ReleaseCalls);
    }

    [Fact]
    public async Task DescribeAsync_ClaimsMadeBeforeRestart_AdoptedWithAllAddresses()
    {
        var settings = TestSettings.For("n1");
        var store = new InMemoryBlockStore(settings.Pool);
        store.Put(Cidr.Parse("10.244.0.128/26"), "n1");
        store.Put(Cidr.Parse("10.244.0.0/26"), "n2");
        using var provider = TestSettings.Provider(settings, store);

        var node = await provider.DescribeAsync(Ct);

        var block = Assert.Single(node.Interfaces, i => !i.IsPrimary);
        Assert.Equal("10-244-0-128-26", block.Id);
        Assert.Equal(64, block.Addresses.Length);
        Assert.Equal([Cidr.Parse("10.244.0.128/26")], provider.OwnedBlocks());
    }

    [Fact]
    public async Task DescribeAsync_ClaimRemovedElsewhere_BlockDropped()
    {
        var settings = TestSettings.For("n1", grace: TimeSpan.Zero);
        var store = new InMemoryBlockStore(settings.Pool);
        using var provider = TestSettings.Provider(settings, store);
        var block = await provider.CreateInterfaceAsync(Ct);
        await store.ReleaseAsync(block.Subnet!.Value, "n1", Ct);

        var node = await provider.DescribeAsync(Ct);

        Assert.Single(node.Interfaces);
    }

    private static MeterListener Listen(BareMetalMetrics metrics, string instrument, Action<long> onValue)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter == metrics.Meter && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => onValue(value));
        listener.Start();
        return listener;
    }
}
