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
/// Saves are serialised internally; callers still order them so the newest state is saved last.
/// </summary>
public sealed class JournaledCheckpointStore : ICheckpointStore, IDisposable
{
    /// <summary>Default journal size: about 4,000 single-pod records between compactions.</summary>
    public const int DefaultJournalBytes = 1 << 20;

    private readonly JsonFileCheckpointStore _snapshots;
    private readonly CheckpointJournal _journal;
    private readonly SemaphoreSlim _saving = new(1, 1);
    private CheckpointState? _durable;
    private long _snapshotWrites;
    private long _journalWrites;

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
    public async Task SaveAsync(CheckpointData checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_durable is { } durable)
            {
                var record = durable.Diff(checkpoint);
                if (record.IsEmpty)
                {
                    return;
                }

                if (Append(durable, record))
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

    private bool Append(CheckpointState durable, JournalRecord record)
    {
        bool appended;
        try
        {
            appended = _journal.TryAppend(record);
        }
        catch
        {
            // After a failed write or sync the page cache and the disk may disagree: the next save
            // starts over with a full snapshot under a new epoch.
            _durable = null;
            throw;
        }

        if (appended)
        {
            durable.Apply(record);
            Interlocked.Increment(ref _journalWrites);
        }

        return appended;
    }

    private async Task CompactAsync(CheckpointData checkpoint, CancellationToken cancellationToken)
    {
        _durable = null;
        // Unique, not secret: System.Random keeps libcrypto (~5 MB resident) out of the daemon.
        var epoch = Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
        var snapshot = checkpoint with { JournalEpoch = epoch };
        await _snapshots.SaveAsync(snapshot, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _snapshotWrites);

        // Only after the snapshot is durable may records of the new epoch overwrite the old journal.
        _journal.Reset();
        _durable = CheckpointState.From(snapshot, epoch);
    }
}
