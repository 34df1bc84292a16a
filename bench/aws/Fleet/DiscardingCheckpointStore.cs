using Cloudnet.Ipam.Checkpoint;

namespace Cloudnet.Bench.Fleet;

/// <summary>A checkpoint store for simulated nodes: a fresh node has no checkpoint, and saves cost no EC2 call, so they are dropped.</summary>
internal sealed class DiscardingCheckpointStore : ICheckpointStore
{
    public Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<CheckpointData?>(null);

    public Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken) => Task.CompletedTask;
}
