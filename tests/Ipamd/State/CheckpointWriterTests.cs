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
