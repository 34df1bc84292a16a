using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.State;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Ipamd.Tests.State;

public sealed class CheckpointWriterTests
{
    [Fact]
    public async Task PersistAsync_ManyConcurrentCallers_EveryChangeDurableWhenTheCallReturns()
    {
        var datastore = new Datastore(new FakeTimeProvider(), TimeSpan.FromSeconds(30));
        datastore.SyncInterfaces([new PoolInterface { Id = "if0", IsPrimary = true, Addresses = [.. Enumerable.Range(1, 200).Select(i => Cidr.Parse("10.0.0.0/24").AddressAt((UInt128)i))] }]);
        var store = new SlowStore();
        var writer = new CheckpointWriter(datastore, store);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var key = new AllocationKey("n", "c" + i, "eth0");
            datastore.Assign(key, null);
            await writer.PersistAsync(CancellationToken.None);
            Assert.Contains(store.Last!.Allocations, a => a.ContainerId == key.ContainerId);
        })));

        Assert.True(store.Saves < 200, $"expected batched writes, got {store.Saves}");
    }

    [Fact]
    public async Task PersistAsync_StoreFails_CallerSeesTheError()
    {
        var datastore = new Datastore(new FakeTimeProvider(), TimeSpan.Zero);
        var writer = new CheckpointWriter(datastore, new FailingStore());

        await Assert.ThrowsAsync<IOException>(() => writer.PersistAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PersistAsync_Written_ReturnsUnsyncedAndTheWriterSyncsAfterTheFlushDelay()
    {
        var time = new FakeTimeProvider();
        var datastore = StoreWithAddresses(time);
        var store = new RecordingStore();
        var writer = new CheckpointWriter(datastore, store, time);
        datastore.Assign(new AllocationKey("n", "c1", "eth0"), null);
        await writer.PersistAsync(CancellationToken.None);
        datastore.Release(new AllocationKey("n", "c1", "eth0"));

        await writer.PersistAsync(CheckpointDurability.Written, CancellationToken.None);

        Assert.Equal([CheckpointDurability.Synced, CheckpointDurability.Written], store.Durabilities);
        time.Advance(CheckpointWriter.FlushDelay);
        await WaitUntilAsync(() => store.Durabilities.Count == 3);
        Assert.Equal(CheckpointDurability.Synced, store.Durabilities[2]);
        Assert.Empty(store.Last!.Allocations);
    }

    [Fact]
    public async Task PersistAsync_WrittenAndSyncedCallersInOneBatch_TheBatchIsSynced()
    {
        var datastore = StoreWithAddresses(new FakeTimeProvider());
        var store = new RecordingStore { Hold = new TaskCompletionSource() };
        var writer = new CheckpointWriter(datastore, store);
        datastore.Assign(new AllocationKey("n", "c0", "eth0"), null);
        var leader = writer.PersistAsync(CheckpointDurability.Written, CancellationToken.None); // held inside its save
        await WaitUntilAsync(() => store.Entered == 1);

        datastore.Assign(new AllocationKey("n", "c1", "eth0"), null);
        var written = writer.PersistAsync(CheckpointDurability.Written, CancellationToken.None);
        datastore.Assign(new AllocationKey("n", "c2", "eth0"), null);
        var synced = writer.PersistAsync(CancellationToken.None);
        store.Hold.SetResult();
        await Task.WhenAll(leader, written, synced);

        Assert.Equal([CheckpointDurability.Written, CheckpointDurability.Synced], store.Durabilities.Take(2));
        Assert.Equal(3, store.Last!.Allocations.Count);
    }

    private static Datastore StoreWithAddresses(TimeProvider time)
    {
        var datastore = new Datastore(time, TimeSpan.FromSeconds(30));
        datastore.SyncInterfaces([new PoolInterface { Id = "if0", IsPrimary = true, Addresses = [.. Enumerable.Range(1, 20).Select(i => Cidr.Parse("10.0.0.0/24").AddressAt((UInt128)i))] }]);
        return datastore;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Counted in polls, not time: on a loaded machine a poll can take far longer than its 10 ms.
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 60_000, "condition not reached within 6,000 polls");
            await Task.Delay(10);
        }
    }

    /// <summary>Records each save's durability; <see cref="Hold"/>, when set, holds the first save until completed.</summary>
    private sealed class RecordingStore : ICheckpointStore
    {
        private readonly List<CheckpointDurability> _durabilities = [];
        private int _entered;

        public TaskCompletionSource? Hold { get; init; }

        public CheckpointData? Last { get; private set; }

        public int Entered => Volatile.Read(ref _entered);

        public IReadOnlyList<CheckpointDurability> Durabilities
        {
            get
            {
                lock (_durabilities)
                {
                    return [.. _durabilities];
                }
            }
        }

        public Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Last);

        public Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken) =>
            SaveAsync(checkpoint, CheckpointDurability.Synced, cancellationToken);

        public async Task SaveAsync(CheckpointData checkpoint, CheckpointDurability durability, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _entered) == 1 && Hold is not null)
            {
                await Hold.Task;
            }

            Last = checkpoint;
            lock (_durabilities)
            {
                _durabilities.Add(durability);
            }
        }
    }

    private sealed class SlowStore : ICheckpointStore
    {
        public CheckpointData? Last { get; private set; }

        public int Saves { get; private set; }

        public Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Last);

        public async Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken);
            Last = checkpoint;
            Saves++;
        }
    }

    private sealed class FailingStore : ICheckpointStore
    {
        public Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<CheckpointData?>(null);

        public Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken) => throw new IOException("disk full");
    }
}
