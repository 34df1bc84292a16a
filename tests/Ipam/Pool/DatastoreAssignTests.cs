using Cloudnet.Ipam.Pool;
using static Cloudnet.Ipam.Tests.Pool.PoolFixtures;

namespace Cloudnet.Ipam.Tests.Pool;

public class DatastoreAssignTests
{
    [Fact]
    public void Assign_EmptyStore_ReturnsPoolEmpty()
    {
        var store = Store(Clock());

        var result = store.Assign(Key("c1"), null);

        Assert.Equal(AssignStatus.PoolEmpty, result.Status);
        Assert.Null(result.Allocation);
        Assert.Equal(new PoolStats(0, 0, 0, 0), store.Stats);
    }

    [Fact]
    public void Assign_SameKeyTwice_ReturnsSameAddressAlreadyAssigned()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2"])]);

        var first = store.Assign(Key("c1"), new("default", "pod-a"));
        var second = store.Assign(Key("c1"), new("default", "pod-a"));

        Assert.Equal(AssignStatus.Assigned, first.Status);
        Assert.Equal(AssignStatus.AlreadyAssigned, second.Status);
        Assert.Equal(first.Allocation, second.Allocation);
        Assert.Equal(new PoolStats(2, 1, 1, 0), store.Stats);
    }

    [Fact]
    public void Assign_FreshPool_HandsOutInInterfaceThenAddressOrder()
    {
        var store = Store(Clock());
        store.SyncInterfaces([
            Nic("eni-0", ["10.0.0.9"], excluded: true, primary: true),
            Nic("eni-1", ["10.0.1.5", "10.0.1.4"], ["10.0.2.0/30"]),
            Nic("eni-2", ["10.0.3.1"]),
        ]);

        var got = Enumerable.Range(0, 7).Select(i => store.Assign(Key($"c{i}"), null)).ToArray();

        Assert.Equal(
            ["10.0.1.5", "10.0.1.4", "10.0.2.0", "10.0.2.1", "10.0.2.2", "10.0.2.3", "10.0.3.1"],
            got.Select(r => r.Allocation!.Address.ToString()));
        Assert.Equal(["eni-1", "eni-1", "eni-1", "eni-1", "eni-1", "eni-1", "eni-2"], got.Select(r => r.Allocation!.InterfaceId));
        Assert.Equal(AssignStatus.PoolEmpty, store.Assign(Key("c7"), null).Status);
    }

    [Fact]
    public void Assign_OnlyExcludedInterface_ReturnsPoolEmpty()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-0", ["10.0.0.1"], ["10.0.1.0/28"], excluded: true)]);

        Assert.Equal(AssignStatus.PoolEmpty, store.Assign(Key("c1"), null).Status);
        Assert.Equal(new PoolStats(0, 0, 0, 0), store.Stats);
    }

    [Fact]
    public void Assign_RecordsPodTimeAndKey()
    {
        var clock = Clock();
        var store = Store(clock);
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]);
        clock.Advance(TimeSpan.FromMinutes(3));

        var allocation = store.Assign(Key("c1", "k8s-pod-network", "eth1"), new("ns", "pod", "uid-1", "/var/run/netns/x")).Allocation!;

        Assert.Equal(Key("c1", "k8s-pod-network", "eth1"), allocation.Key);
        Assert.Equal(Start.AddMinutes(3), allocation.AllocatedAt);
        Assert.Equal("uid-1", allocation.Pod!.Uid);
        Assert.Same(allocation, store.Find(Key("c1", "k8s-pod-network", "eth1")));
        Assert.Null(store.Find(Key("c1", "k8s-pod-network", "eth0")));
    }

    [Fact]
    public void Assign_DifferentIfNameSameContainer_GetsDistinctAddresses()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2"])]);

        var a = store.Assign(Key("c1", ifName: "eth0"), null).Allocation!;
        var b = store.Assign(Key("c1", ifName: "net1"), null).Allocation!;

        Assert.NotEqual(a.Address, b.Address);
    }

    [Fact]
    public void InterfaceOf_KnownAndUnknownAddress_FindsOwner()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"]), Nic("eni-2", prefixes: ["10.0.1.16/28"])]);

        Assert.Equal("eni-1", store.InterfaceOf(Ip("10.0.0.1"))!.Id);
        Assert.Equal("eni-2", store.InterfaceOf(Ip("10.0.1.31"))!.Id);
        Assert.Null(store.InterfaceOf(Ip("10.0.1.32")));
        Assert.Equal(["eni-1", "eni-2"], store.Interfaces().Select(i => i.Id));
    }

    [Fact]
    public async Task Assign_ManyThreads_NeverGivesOneAddressTwice()
    {
        var store = Store(Clock(), cooldownSeconds: 0);
        store.SyncInterfaces([Nic("eni-1", prefixes: ["10.1.0.0/24"])]);

        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var key = Key($"t{t}-{i % 20}");
                if (i % 3 == 2)
                {
                    store.Release(key);
                }
                else
                {
                    store.Assign(key, null);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        var allocations = store.Allocations();
        Assert.Equal(allocations.Count, allocations.Select(a => a.Address).Distinct().Count());
        var stats = store.Stats;
        Assert.Equal(allocations.Count, stats.Assigned);
        Assert.Equal(256, stats.Total);
    }
}
