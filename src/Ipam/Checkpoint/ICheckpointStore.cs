namespace Cloudnet.Ipam.Checkpoint;

/// <summary>Where the datastore's state survives restarts.</summary>
public interface ICheckpointStore
{
    /// <summary>Reads the checkpoint; null when none exists yet.</summary>
    /// <exception cref="CheckpointException">The file is corrupt or of another version; it is left untouched.</exception>
    Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Writes the checkpoint atomically and durably: after a crash of the process or the
    /// machine, either the old or the new state is on disk. Also makes every earlier
    /// <see cref="CheckpointDurability.Written"/> save durable.</summary>
    Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken);

    /// <summary>Writes the checkpoint with the given durability. A store that cannot write without
    /// syncing (the default) always syncs.</summary>
    Task SaveAsync(CheckpointData checkpoint, CheckpointDurability durability, CancellationToken cancellationToken) =>
        SaveAsync(checkpoint, cancellationToken);
}

/// <summary>What a checkpoint save must survive before it returns.</summary>
public enum CheckpointDurability
{
    /// <summary>A crash of the machine: the change is on disk (fsync or fdatasync) before the save returns.</summary>
    Synced,

    /// <summary>A crash of the daemon: the change is in the kernel's page cache, so any later
    /// reader of the file sees it, and reaches the disk with the next synced save. A power loss
    /// before that may lose it, which is safe only for changes that start-up recovers on its own
    /// (see <c>CheckpointWriter</c>).</summary>
    Written,
}
