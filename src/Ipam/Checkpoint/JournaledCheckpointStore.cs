using System.Globalization;

namespace Cloudnet.Ipam.Checkpoint;

/// <summary>
/// The daemon's checkpoint: the <c>cloudnet-ipam/1</c> snapshot (<see cref="JsonFileCheckpointStore"/>,
/// default <c>/var/lib/cloudnet/ipam.json</c>) plus a write-ahead journal beside it
/// (<c>ipam.journal</c>, see <see cref="CheckpointJournal"/>). A save appends only what changed
/// since the last save, made durable with one fdatasync, so an Add or Del costs a fraction of a
/// snapshot write. The first save of each instance, and any save whose record no longer fits the
/// journal, writes a full snapshot atomically under a new epoch instead (compaction), which makes
/// the old journal records void. Loading reads the snapshot and replays the records of its epoch.
/// A <see cref="CheckpointDurability.Written"/> save writes its record without the fdatasync; the
/// next synced save (even one with nothing new to write) syncs it with its own. Records reach the
/// disk in order, so a power loss can only cut the journal's tail, never leave a hole.
/// Saves are serialised internally; callers still order them so the newest state is saved last.
/// </summary>
public sealed class JournaledCheckpointStore : ICheckpointStore, IDisposable
{
    /// <summary>Default journal size: about 4,000 single-pod records between compactions.</summary>
    public const int DefaultJournalBytes = 1 << 20;

    private readonly JsonFileCheckpointStore _snapshots;
    private readonly CheckpointJournal _journal;
    private readonly SemaphoreSlim _saving = new(1, 1);
    private CheckpointState? _written;
    private bool _unsynced;
    private long _snapshotWrites;
    private long _journalWrites;
    private long _journalSyncs;

    /// <summary>A store for the snapshot at <paramref name="path"/>; the journal is <c>ipam.journal</c> in the same directory.</summary>
    /// <param name="path">The snapshot file.</param>
    /// <param name="journalBytes">Journal size in bytes, preallocated on the first save; a full journal triggers a snapshot.</param>
    public JournaledCheckpointStore(string path, int journalBytes = DefaultJournalBytes)
    {
        _snapshots = new JsonFileCheckpointStore(path);
        _journal = new CheckpointJournal(JournalPathFor(_snapshots.Path), journalBytes);
    }

    /// <summary>The snapshot file.</summary>
    public string Path => _snapshots.Path;

    /// <summary>The journal file.</summary>
    public string JournalPath => _journal.Path;

    /// <summary>Full snapshots written by this instance.</summary>
    public long SnapshotWrites => Interlocked.Read(ref _snapshotWrites);

    /// <summary>Journal records written by this instance.</summary>
    public long JournalWrites => Interlocked.Read(ref _journalWrites);

    /// <summary>fdatasync calls on the journal by this instance.</summary>
    public long JournalSyncs => Interlocked.Read(ref _journalSyncs);

    /// <summary>The journal that belongs to the snapshot at <paramref name="snapshotPath"/>.</summary>
    public static string JournalPathFor(string snapshotPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(snapshotPath))!, "ipam.journal");

    /// <inheritdoc />
    /// <remarks>Reads only: safe while a daemon writes (a record being written is not yet part of the state).</remarks>
    public async Task<CheckpointData?> LoadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot?.JournalEpoch is not { } epoch)
        {
            return snapshot;
        }

        var records = CheckpointJournal.Read(JournalPath, epoch);
        if (records.Count == 0)
        {
            return snapshot;
        }

        var state = CheckpointState.From(snapshot, epoch);
        foreach (var record in records)
        {
            state.Apply(record);
        }

        return state.ToData();
    }

    /// <inheritdoc />
    public Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken) =>
        SaveAsync(checkpoint, CheckpointDurability.Synced, cancellationToken);

    /// <inheritdoc />
    public async Task SaveAsync(CheckpointData checkpoint, CheckpointDurability durability, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var sync = durability == CheckpointDurability.Synced;
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_written is { } written)
            {
                var record = written.Diff(checkpoint);
                if (record.IsEmpty)
                {
                    if (sync && _unsynced)
                    {
                        Journal(() => _journal.Sync());
                        _unsynced = false;
                        Interlocked.Increment(ref _journalSyncs);
                    }

                    return;
                }

                if (Append(written, record, sync))
                {
                    return;
                }
            }

            await CompactAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _journal.Dispose();
        _saving.Dispose();
    }

    private bool Append(CheckpointState written, JournalRecord record, bool sync)
    {
        var appended = Journal(() => _journal.TryAppend(record, sync));
        if (appended)
        {
            written.Apply(record);
            Interlocked.Increment(ref _journalWrites);
            if (sync)
            {
                _unsynced = false;
                Interlocked.Increment(ref _journalSyncs);
            }
            else
            {
                _unsynced = true;
            }
        }

        return appended;
    }

    private T Journal<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch
        {
            // After a failed write or sync the page cache and the disk may disagree: the next save
            // starts over with a full snapshot under a new epoch.
            _written = null;
            _unsynced = false;
            throw;
        }
    }

    private void Journal(Action operation) => Journal(() =>
    {
        operation();
        return true;
    });

    private async Task CompactAsync(CheckpointData checkpoint, CancellationToken cancellationToken)
    {
        // The snapshot holds everything, so unsynced records of the old epoch stop mattering once it is durable.
        _written = null;
        // Unique, not secret: System.Random keeps libcrypto (~5 MB resident) out of the daemon.
        var epoch = Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
        var snapshot = checkpoint with { JournalEpoch = epoch };
        await _snapshots.SaveAsync(snapshot, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _snapshotWrites);

        // Only after the snapshot is durable may records of the new epoch overwrite the old journal.
        _journal.Reset();
        _unsynced = false;
        _written = CheckpointState.From(snapshot, epoch);
    }
}
