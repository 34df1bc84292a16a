using Cloudnet.Ipam.Pool;
using static Cloudnet.Ipam.Tests.Pool.PoolFixtures;

namespace Cloudnet.Ipam.Tests.Pool;

public class DatastoreSyncTests
{
    [Fact]
    public void SyncInterfaces_AddressRemoved_AllocationKeptAndReturnedAsOrphan()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"]), Nic("eni-2", ["10.0.1.1"])]);
        store.Assign(Key("a"), null);
        var b = store.Assign(Key("b"), null).Allocation!;

        var orphans = store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]);

        Assert.Equal([b], orphans);
        Assert.Equal(2, store.Allocations().Count);
        Assert.Equal(new PoolStats(1, 1, 0, 0), store.Stats);
        Assert.Equal(orphans, store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]));
    }

    [Fact]
    public void SyncInterfaces_AddressReturns_OrphanIsAssignedAgain()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2"])]);
        store.Assign(Key("a"), null);
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.2"])]);

        var orphans = store.SyncInterfaces([Nic("eni-1", ["10.0.0.2"]), Nic("eni-9", ["10.0.0.1"])]);

        Assert.Empty(orphans);
        Assert.Equal("eni-9", store.Find(Key("a"))!.InterfaceId);
        Assert.Equal(new PoolStats(2, 1, 1, 0), store.Stats);
        Assert.Equal("10.0.0.2", store.Assign(Key("b"), null).Allocation!.Address.ToString());
    }

    [Fact]
    public void SyncInterfaces_CoolingAddressRemoved_CoolingDropped()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2"])]);
        store.Assign(Key("a"), null);
        store.Release(Key("a"));

        store.SyncInterfaces([Nic("eni-1", ["10.0.0.2"])]);

        Assert.Empty(store.CoolingAddresses());
        Assert.Equal(new PoolStats(1, 0, 1, 0), store.Stats);
    }

    [Fact]
    public void SyncInterfaces_Repeated_KeepsCooldownAndReuseOrder()
    {
        var clock = Clock();
        var store = Store(clock, cooldownSeconds: 10);
        var nic = Nic("eni-1", ["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
        store.SyncInterfaces([nic]);
        store.Assign(Key("a"), null);
        store.Assign(Key("b"), null);
        store.Release(Key("b"));
        store.Release(Key("a"));

        store.SyncInterfaces([nic]);
        store.SyncInterfaces([nic]);

        Assert.Equal(new PoolStats(3, 0, 1, 2), store.Stats);
        clock.Advance(TimeSpan.FromSeconds(10));
        var order = Enumerable.Range(0, 3).Select(i => store.Assign(Key($"n{i}"), null).Allocation!.Address.ToString());
        Assert.Equal(["10.0.0.3", "10.0.0.2", "10.0.0.1"], order);
    }

    [Fact]
    public void SyncInterfaces_NewAddressesAfterReleases_NewOnesGoFirst()
    {
        var clock = Clock();
        var store = Store(clock, cooldownSeconds: 1);
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]);
        store.Assign(Key("a"), null);
        store.Release(Key("a"));
        clock.Advance(TimeSpan.FromSeconds(5));

        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2"])]);

        Assert.Equal("10.0.0.2", store.Assign(Key("b"), null).Allocation!.Address.ToString());
        Assert.Equal("10.0.0.1", store.Assign(Key("c"), null).Allocation!.Address.ToString());
    }

    [Fact]
    public void SyncInterfaces_DuplicateAddressAcrossInterfaces_CountedOnce()
    {
        var store = Store(Clock());

        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"], ["10.0.0.0/30"]), Nic("eni-2", ["10.0.0.2"])]);

        Assert.Equal(4, store.Stats.Total);
        Assert.Equal("eni-1", store.InterfaceOf(Ip("10.0.0.2"))!.Id);
    }

    [Fact]
    public void SyncInterfaces_InterfaceBecomesExcluded_AllocationStaysCountedUntilReleased()
    {
        var clock = Clock();
        var store = Store(clock, cooldownSeconds: 5);
        store.SyncInterfaces([Nic("eni-0", ["10.0.0.1", "10.0.0.2"])]);
        store.Assign(Key("a"), null);

        var orphans = store.SyncInterfaces([Nic("eni-0", ["10.0.0.1", "10.0.0.2"], excluded: true)]);

        Assert.Empty(orphans);
        Assert.Equal(new PoolStats(1, 1, 0, 0), store.Stats);
        store.Release(Key("a"));
        Assert.Equal(new PoolStats(1, 0, 0, 1), store.Stats);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(new PoolStats(0, 0, 0, 0), store.Stats);
        Assert.Equal(AssignStatus.PoolEmpty, store.Assign(Key("b"), null).Status);
    }

    [Fact]
    public void Release_Orphan_RemovesAllocationWithoutCountingIt()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]);
        store.Assign(Key("a"), null);
        store.SyncInterfaces([]);

        Assert.NotNull(store.Release(Key("a")));

        Assert.Empty(store.Allocations());
        Assert.Equal(new PoolStats(0, 0, 0, 0), store.Stats);
        Assert.Single(store.CoolingAddresses());
        store.SyncInterfaces([]);
        Assert.Empty(store.CoolingAddresses());
    }

    [Fact]
    public void SyncInterfaces_HugeIPv6Prefix_UsesFirstAddressesUpToCap()
    {
        var store = Store(Clock());

        store.SyncInterfaces([Nic("eni-6", ["fd00:1::10"], ["fd00:2::/80"])]);

        Assert.Equal(1 + Datastore.MaxAddressesPerPrefix, store.Stats.Total);
        Assert.Equal("fd00:1::10", store.Assign(Key("a"), null).Allocation!.Address.ToString());
        Assert.Equal("fd00:2::", store.Assign(Key("b"), null).Allocation!.Address.ToString());
        Assert.Null(store.InterfaceOf(Ip("fd00:2::1:0")));
    }
}
