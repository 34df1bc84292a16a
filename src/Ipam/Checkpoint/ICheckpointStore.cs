namespace Cloudnet.Ipam.Checkpoint;

/// <summary>Where the datastore's state survives restarts.</summary>
public interface ICheckpointStore
{
    /// <summary>Reads the checkpoint; null when none exists yet.</summary>
    /// <exception cref="CheckpointException">The file is corrupt or of another version; it is left untouched.</exception>
    Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Writes the checkpoint atomically: after a crash, either the old or the new state is on disk.</summary>
    Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken);
}
