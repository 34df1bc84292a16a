using Cloudnet.Ipam.Checkpoint;

namespace Cloudnet.Ipamd.Tests.Support;

/// <summary>Keeps the last checkpoint in memory.</summary>
public sealed class MemoryCheckpointStore : ICheckpointStore
{
    private CheckpointData? _saved;
    private int _saves;

    public CheckpointData? Saved => Volatile.Read(ref _saved);

    public int Saves => Volatile.Read(ref _saves);

    public Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Saved);

    public Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _saved, checkpoint);
        Interlocked.Increment(ref _saves);
        return Task.CompletedTask;
    }
}
