using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Pool;
using static Cloudnet.Ipam.Tests.Pool.PoolFixtures;

namespace Cloudnet.Ipam.Tests.Pool;

public class DatastoreSnapshotTests
{
    [Fact]
    public void CapturePoolState_MixedUsage_CountsPerInterfaceAndPrefix()
    {
        var store = Store(Clock());
        store.SyncInterfaces([
            Nic("eni-0", ["10.0.0.5"], excluded: true, primary: true),
            Nic("eni-1", ["10.0.1.1", "10.0.1.2", "10.0.1.3"], ["10.0.2.0/30", "10.0.2.4/30"]),
        ]);
        store.Assign(Key("a"), null); // 10.0.1.1
        store.Assign(Key("b"), null); // 10.0.1.2
        store.Assign(Key("c"), null); // 10.0.1.3
        store.Assign(Key("d"), null); // 10.0.2.0
        store.Assign(Key("e"), null); // 10.0.2.1
        store.Release(Key("b"));
        store.Release(Key("e"));

        var state = store.CapturePoolState(pendingAdds: 3);

        Assert.Equal(3, state.PendingAdds);
        var primary = state.Interfaces[0];
        Assert.Equal(("eni-0", true, true, 0, 0, 1), (primary.Id, primary.IsPrimary, primary.ExcludedFromPods, primary.Assigned, primary.Cooling, primary.SecondaryAddresses));
        Assert.Empty(primary.FreeAddresses);
        var eni = state.Interfaces[1];
        Assert.Equal((3, 2, 3), (eni.Assigned, eni.Cooling, eni.SecondaryAddresses));
        Assert.Empty(eni.FreeAddresses);
        Assert.Equal(
            [new(Cidr.Parse("10.0.2.0/30"), 1, 1), new(Cidr.Parse("10.0.2.4/30"), 0, 0)],
            eni.Prefixes.ToArray());
        Assert.True(eni.Prefixes[1].IsUnused);
        Assert.Equal(11, eni.Total(4));
    }

    [Fact]
    public void CapturePoolState_FreeSecondaries_ListedInOrder()
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.1.1", "10.0.1.2", "10.0.1.3"])]);
        store.Assign(Key("a"), null);

        var eni = Assert.Single(store.CapturePoolState().Interfaces);

        Assert.Equal(["10.0.1.2", "10.0.1.3"], Texts(eni.FreeAddresses));
    }

    [Fact]
    public void ToCheckpoint_RestoreIntoNewStore_KeepsAllocationsAndCooldown()
    {
        var clock = Clock();
        var nic = Nic("eni-1", ["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
        var store = Store(clock);
        store.SyncInterfaces([nic]);
        var kept = store.Assign(Key("a"), new("ns", "pod-a", "uid", "/proc/1/ns/net")).Allocation!;
        store.Assign(Key("b"), null);
        store.Release(Key("b"));
        clock.Advance(TimeSpan.FromSeconds(10));

        var checkpoint = store.ToCheckpoint();
        var restarted = Store(clock);
        restarted.Restore(checkpoint);
        var orphans = restarted.SyncInterfaces([nic]);

        Assert.Empty(orphans);
        Assert.Equal([kept], restarted.Allocations());
        Assert.Equal(new PoolStats(3, 1, 1, 1), restarted.Stats);
        Assert.Equal(Start.AddSeconds(30), Assert.Single(restarted.CoolingAddresses()).Until);
        Assert.Equal(AssignStatus.AlreadyAssigned, restarted.Assign(Key("a"), null).Status);
        Assert.Equal("10.0.0.3", restarted.Assign(Key("c"), null).Allocation!.Address.ToString());
        Assert.Equal(AssignStatus.PoolEmpty, restarted.Assign(Key("d"), null).Status);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("10.0.0.2", restarted.Assign(Key("d"), null).Allocation!.Address.ToString());
    }

    [Fact]
    public void ToCheckpoint_ExpiredCooldown_NotWritten()
    {
        var clock = Clock();
        var store = Store(clock, cooldownSeconds: 5);
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1"])]);
        store.Assign(Key("a"), null);
        store.Release(Key("a"));
        Assert.Single(store.ToCheckpoint().Cooling);

        clock.Advance(TimeSpan.FromSeconds(5));

        var checkpoint = store.ToCheckpoint();
        Assert.Empty(checkpoint.Cooling);
        Assert.Empty(checkpoint.Allocations);
        Assert.Equal(CheckpointData.CurrentVersion, checkpoint.Version);
    }

    [Fact]
    public void Restore_AfterSync_ReplacesStateAndMapsOntoInterfaces()
    {
        var clock = Clock();
        var store = Store(clock);
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2"])]);
        store.Assign(Key("old"), null);
        var checkpoint = new CheckpointData
        {
            Allocations = [new CheckpointAllocation("net", "new", "eth0", "10.0.0.2", "eni-1", Start)],
            Cooling = [new CheckpointCooling("10.0.0.1", "eni-1", Start.AddSeconds(3))],
        };

        store.Restore(checkpoint);

        Assert.Null(store.Find(Key("old")));
        Assert.Equal("10.0.0.2", store.Find(Key("new"))!.Address.ToString());
        Assert.Null(store.Find(Key("new"))!.Pod);
        Assert.Equal(new PoolStats(2, 1, 0, 1), store.Stats);
    }

    [Fact]
    public void Restore_BeforeSync_OrphansUntilInterfacesKnown()
    {
        var store = Store(Clock());
        store.Restore(new CheckpointData
        {
            Allocations = [new CheckpointAllocation("net", "a", "eth0", "10.0.0.1", "eni-1", Start)],
            Cooling = [new CheckpointCooling("10.0.0.2", "eni-1", Start.AddSeconds(30)), new CheckpointCooling("10.9.9.9", "eni-7", Start.AddSeconds(30))],
        });

        Assert.Equal(new PoolStats(0, 0, 0, 0), store.Stats);
        Assert.Equal(2, store.CoolingAddresses().Count);
        Assert.Equal(AssignStatus.AlreadyAssigned, store.Assign(Key("a"), null).Status);

        var orphans = store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2", "10.0.0.3"])]);

        Assert.Empty(orphans);
        Assert.Equal(new PoolStats(3, 1, 1, 1), store.Stats);
        Assert.Equal(["10.0.0.2"], store.CoolingAddresses().Select(c => c.Address.ToString()));
    }

    [Fact]
    public void Release_OrphanThenAddressReturns_StillCooling()
    {
        var store = Store(Clock());
        var nic = Nic("eni-1", ["10.0.0.1"]);
        store.SyncInterfaces([nic]);
        store.Assign(Key("a"), null);
        store.SyncInterfaces([]);
        store.Release(Key("a"));

        store.SyncInterfaces([nic]);

        Assert.Equal(new PoolStats(1, 0, 0, 1), store.Stats);
    }

    [Theory]
    [InlineData("cloudnet-ipam/2", "10.0.0.1", "10.0.0.2", "version")]
    [InlineData(CheckpointData.CurrentVersion, "10.1", "10.0.0.2", "not an IP address")]
    [InlineData(CheckpointData.CurrentVersion, "10.0.0.1", "10.0.0.1", "held by both")]
    public void Restore_InvalidCheckpoint_ThrowsAndKeepsState(string version, string first, string second, string message)
    {
        var store = Store(Clock());
        store.SyncInterfaces([Nic("eni-1", ["10.0.0.1", "10.0.0.2"])]);
        store.Assign(Key("keep"), null);
        var checkpoint = new CheckpointData
        {
            Version = version,
            Allocations = [
                new CheckpointAllocation("net", "a", "eth0", first, "eni-1", Start),
                new CheckpointAllocation("net", "b", "eth0", second, "eni-1", Start),
            ],
        };

        var error = Assert.Throws<CheckpointException>(() => store.Restore(checkpoint));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal([Key("keep")], store.Allocations().Select(a => a.Key));
    }

    [Fact]
    public void Restore_DuplicateKey_Throws()
    {
        var store = Store(Clock());
        var checkpoint = new CheckpointData
        {
            Allocations = [
                new CheckpointAllocation("net", "a", "eth0", "10.0.0.1", "eni-1", Start),
                new CheckpointAllocation("net", "a", "eth0", "10.0.0.2", "eni-1", Start),
            ],
        };

        var error = Assert.Throws<CheckpointException>(() => store.Restore(checkpoint));

        Assert.Contains("net/a/eth0 appears twice", error.Message, StringComparison.Ordinal);
    }
}
