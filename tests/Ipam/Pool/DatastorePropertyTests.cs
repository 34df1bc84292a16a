using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipam.Tests.Checkpoint;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Ipam.Tests.Pool;

// Random sequences of assign, release, GC, time passing, interface changes and restarts, each
// step checked against DatastoreModel: never two keys on one address, never a reuse inside the
// cooldown, no allocation lost or invented across a restart, statistics always consistent.
public sealed class DatastorePropertyTests : IDisposable
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    internal abstract record Op;

    internal sealed record AssignOp(int Key) : Op;

    internal sealed record ReleaseOp(int Key) : Op;

    internal sealed record GcOp(bool NetA, int ValidMask) : Op;

    internal sealed record AdvanceOp(int Seconds) : Op;

    internal sealed record SyncOp(int Mask) : Op;

    internal sealed record RestartOp(bool ThroughFile) : Op;

    private static readonly Gen<Op> AnyOp = Gen.Frequency(
        (8, Gen.Int[0, DatastoreModel.Keys - 1].Select(k => (Op)new AssignOp(k))),
        (5, Gen.Int[0, DatastoreModel.Keys - 1].Select(k => (Op)new ReleaseOp(k))),
        (1, Gen.Select(Gen.Bool, Gen.Int[0, (1 << DatastoreModel.Keys) - 1], (a, m) => (Op)new GcOp(a, m))),
        (4, Gen.Int[0, 40].Select(s => (Op)new AdvanceOp(s))),
        (1, Gen.Int[0, 127].Select(m => (Op)new SyncOp(m))),
        (1, Gen.Bool.Select(f => (Op)new RestartOp(f))));

    [Fact]
    public void RandomOperations_AgreeWithModel()
    {
        AnyOp.Array[1, 80].Sample(Run, iter: 300, print: ops => string.Join(", ", ops.Select(o => o.ToString())));
    }

    [Fact]
    public void RandomOperations_FullPoolMostlyStable_AgreeWithModel()
    {
        // Fewer syncs and restarts, more churn: exercises FIFO reuse after cooldown on a full pool.
        var churn = Gen.Frequency(
            (10, Gen.Int[0, DatastoreModel.Keys - 1].Select(k => (Op)new AssignOp(k))),
            (8, Gen.Int[0, DatastoreModel.Keys - 1].Select(k => (Op)new ReleaseOp(k))),
            (5, Gen.Int[0, 20].Select(s => (Op)new AdvanceOp(s))),
            (1, Gen.Const((Op)new RestartOp(false))));
        churn.Array[20, 150].Sample(Run, iter: 150, print: ops => string.Join(", ", ops.Select(o => o.ToString())));
    }

    private void Run(Op[] ops)
    {
        var clock = new FakeTimeProvider(PoolFixtures.Start);
        var model = new DatastoreModel(Cooldown);
        var mask = 127;
        var store = new Datastore(clock, Cooldown);
        store.SyncInterfaces(DatastoreModel.Interfaces(mask));
        model.Sync(mask);
        // Every step is saved through the journaled store, as the daemon does before it replies; a small
        // journal makes compactions (fresh snapshot, new epoch) happen within one sequence.
        var checkpointPath = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N"), "ipam.json");
        var durable = new JournaledCheckpointStore(checkpointPath, journalBytes: 2048);
        durable.SaveAsync(store.ToCheckpoint(), CancellationToken.None).GetAwaiter().GetResult();

        foreach (var op in ops)
        {
            var now = clock.GetUtcNow();
            switch (op)
            {
                case AssignOp(var k):
                    CheckAssign(store, model, DatastoreModel.KeyOf(k), now);
                    break;
                case ReleaseOp(var k):
                    var key = DatastoreModel.KeyOf(k);
                    var expected = model.Allocated.GetValueOrDefault(key);
                    Assert.Equal(expected, store.Release(key)?.Address);
                    model.Release(key, now);
                    break;
                case GcOp(var netA, var validMask):
                    var network = netA ? "net-a" : "net-b";
                    var valid = Enumerable.Range(0, DatastoreModel.Keys).Where(k => (validMask & (1 << k)) != 0).Select(DatastoreModel.KeyOf).ToHashSet();
                    var doomed = model.Allocated.Keys.Where(k => k.NetworkName == network && !valid.Contains(k)).ToHashSet();
                    Assert.Equal(doomed, store.Gc(network, valid).Select(a => a.Key).ToHashSet());
                    foreach (var d in doomed)
                    {
                        model.Release(d, now);
                    }

                    break;
                case AdvanceOp(var seconds):
                    clock.Advance(TimeSpan.FromSeconds(seconds));
                    break;
                case SyncOp(var m):
                    mask = m;
                    var orphans = store.SyncInterfaces(DatastoreModel.Interfaces(mask));
                    model.Sync(mask);
                    Assert.Equal(
                        model.Allocated.Where(p => !model.Present.ContainsKey(p.Value)).Select(p => p.Key).ToHashSet(),
                        orphans.Select(a => a.Key).ToHashSet());
                    break;
                case RestartOp(var throughFile):
                    if (throughFile)
                    {
                        durable.Dispose();
                        durable = new JournaledCheckpointStore(checkpointPath, journalBytes: 2048);
                    }

                    store = Restart(store, clock, mask, throughFile ? durable : null);
                    model.Sync(mask); // a restart is restore + sync: the sync's rules apply
                    break;
            }

            CheckInvariants(store, model, clock.GetUtcNow());
            durable.SaveAsync(store.ToCheckpoint(), CancellationToken.None).GetAwaiter().GetResult();
        }

        durable.Dispose();
    }

    private static void CheckAssign(Datastore store, DatastoreModel model, AllocationKey key, DateTimeOffset now)
    {
        var result = store.Assign(key, new PodMetadata("ns", key.ContainerId));
        if (model.Allocated.TryGetValue(key, out var held))
        {
            Assert.Equal(AssignStatus.AlreadyAssigned, result.Status);
            Assert.Equal(held, result.Allocation!.Address);
            return;
        }

        var available = model.Available(now).ToHashSet();
        if (available.Count == 0)
        {
            Assert.Equal(AssignStatus.PoolEmpty, result.Status);
            return;
        }

        Assert.Equal(AssignStatus.Assigned, result.Status);
        var address = result.Allocation!.Address;
        Assert.False(model.IsCooling(address, now), $"{address} handed out inside its cooldown");
        Assert.Contains(address, available);
        Assert.Equal(model.Present[address], result.Allocation.InterfaceId);
        model.Allocated[key] = address;
    }

    private static void CheckInvariants(Datastore store, DatastoreModel model, DateTimeOffset now)
    {
        var allocations = store.Allocations();
        Assert.Equal(allocations.Count, allocations.Select(a => a.Address).Distinct().Count());
        Assert.Equal(
            string.Join(' ', model.Allocated.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal)),
            string.Join(' ', allocations.Select(a => $"{a.Key}={a.Address}").Order(StringComparer.Ordinal)));
        var stats = store.Stats;
        Assert.Equal(model.ExpectedStats(now), stats);
        Assert.Equal(stats.Total, stats.Assigned + stats.Available + stats.Cooling);
        Assert.DoesNotContain(allocations, a => a.Address.ToString() == "10.0.9.9");

        var state = store.CapturePoolState();
        Assert.Equal(stats.Assigned, state.Interfaces.Sum(i => i.Assigned));
        Assert.Equal(stats.Cooling, state.Interfaces.Sum(i => i.Cooling));
        foreach (var cooling in store.CoolingAddresses())
        {
            Assert.True(cooling.Until > now);
        }
    }

    /// <summary>A restart; with <paramref name="file"/>, from what the previous steps saved (snapshot + journal) rather than from memory.</summary>
    private static Datastore Restart(Datastore store, FakeTimeProvider clock, int mask, JournaledCheckpointStore? file)
    {
        var checkpoint = file is null
            ? store.ToCheckpoint()
            : file.LoadAsync(CancellationToken.None).GetAwaiter().GetResult()!;

        var before = store.Allocations().ToDictionary(a => a.Key);
        var restarted = new Datastore(clock, Cooldown);
        restarted.Restore(checkpoint);
        restarted.SyncInterfaces(DatastoreModel.Interfaces(mask));
        var after = restarted.Allocations().ToDictionary(a => a.Key);
        Assert.Equal(before.Count, after.Count);
        foreach (var (key, allocation) in before)
        {
            Assert.Equal(allocation, after[key]);
        }

        return restarted;
    }
}
