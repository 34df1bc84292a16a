using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using static Cloudnet.Ipam.Tests.Pool.PoolFixtures;

namespace Cloudnet.Ipam.Tests.Pool;

public class DatastoreReleaseTests
{
    [Fact]
    public void Release_UnknownKey_ReturnsNull()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]);

        Assert.Null(store.Release(Key("nobody")));
        Assert.Equal(new PoolStats(1, 0, 1, 0), store.Stats);
    }

    [Fact]
    public void Release_Twice_SecondIsNullAndCoolsOnce()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2"])]);
        var allocation = store.Assign(Key("c1"), null).Allocation;

        Assert.Equal(allocation, store.Release(Key("c1")));
        Assert.Null(store.Release(Key("c1")));
        Assert.Equal(new PoolStats(2, 0, 1, 1), store.Stats);
    }

    [Fact]
    public void Release_CoolingAddress_NotAvailableUntilCooldownEnds()
    {
        var clock = Clock();
        var store = Store(clock, cooldownSeconds: 30);
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]);
        store.Assign(Key("c1"), null);
        store.Release(Key("c1"));

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(AssignStatus.PoolEmpty, store.Assign(Key("c2"), null).Status);
        Assert.Equal(new PoolStats(1, 0, 0, 1), store.Stats);
        var cooling = Assert.Single(store.CoolingAddresses());
        Assert.Equal(new CoolingAddress(Ip("10.0.0.1"), "eni-1", Start.AddSeconds(30)), cooling);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new PoolStats(1, 0, 1, 0), store.Stats);
        Assert.Empty(store.CoolingAddresses());
        Assert.Equal(Ip("10.0.0.1"), store.Assign(Key("c2"), null).Allocation!.Address);
    }

    [Fact]
    public void Assign_AfterReleases_ReusesFreshFirstThenOldestReleased()
    {
        var clock = Clock();
        var store = Store(clock, cooldownSeconds: 10);
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"])]);
        store.Assign(Key("a"), null);
        store.Assign(Key("b"), null);
        store.Release(Key("b")); // 10.0.0.2 released first
        clock.Advance(TimeSpan.FromSeconds(1));
        store.Release(Key("a")); // then 10.0.0.1
        clock.Advance(TimeSpan.FromSeconds(20));

        var order = Enumerable.Range(0, 4).Select(i => store.Assign(Key($"n{i}"), null).Allocation!.Address.ToString());

        Assert.Equal(["10.0.0.3", "10.0.0.4", "10.0.0.2", "10.0.0.1"], order);
    }

    [Fact]
    public void Release_ZeroCooldown_AddressAvailableAtOnce()
    {
        var store = Store(Clock(), cooldownSeconds: 0);
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]);
        store.Assign(Key("a"), null);
        store.Release(Key("a"));

        Assert.Equal(new PoolStats(1, 0, 1, 0), store.Stats);
        Assert.Equal(AssignStatus.Assigned, store.Assign(Key("b"), null).Status);
    }

    [Fact]
    public void Gc_ReleasesOnlyInvalidKeysOfThatNetwork()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", prefixes: ["10.0.0.0/28"])]);
        store.Assign(Key("keep", "net-a"), null);
        store.Assign(Key("drop", "net-a"), null);
        store.Assign(Key("drop", "net-b"), null);

        var released = store.Gc("net-a", new HashSet<AllocationKey> { Key("keep", "net-a"), Key("ghost", "net-a") });

        Assert.Equal([Key("drop", "net-a")], released.Select(a => a.Key));
        Assert.Equal(new HashSet<AllocationKey> { Key("keep", "net-a"), Key("drop", "net-b") }, store.Allocations().Select(a => a.Key).ToHashSet());
        Assert.Equal(new PoolStats(16, 2, 13, 1), store.Stats);
    }

    [Fact]
    public void ReleaseWhere_Predicate_ReleasesMatchingIntoCooldown()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2", "10.0.0.3"])]);
        store.Assign(Key("a"), new("ns", "a", Netns: "/gone"));
        store.Assign(Key("b"), new("ns", "b", Netns: "/here"));
        store.Assign(Key("c"), null);

        var released = store.ReleaseWhere(a => a.Pod?.Netns == "/gone" || a.Pod is null);

        Assert.Equal(["a", "c"], released.Select(a => a.Key.ContainerId).Order());
        Assert.Equal("b", Assert.Single(store.Allocations()).Key.ContainerId);
        Assert.Equal(new PoolStats(3, 1, 0, 2), store.Stats);
    }
}
