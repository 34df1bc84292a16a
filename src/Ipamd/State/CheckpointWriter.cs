using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cloudnet.Ipamd.State;

/// <summary>
/// Makes the datastore durable before an RPC replies, committing concurrent changes as a group:
/// every caller that changed the datastore and then called <see cref="PersistAsync(CancellationToken)"/>
/// joins the next write, whose snapshot is taken after it joined, so one sync covers many RPCs and
/// no caller is told "done" before its change is on disk.
/// </summary>
/// <remarks>
/// A release (DEL) only needs <see cref="CheckpointDurability.Written"/>: it survives a crash of
/// the daemon at once, and a power loss before the sync that follows within <see cref="FlushDelay"/>
/// can only bring the allocation back, for a pod whose network namespace did not survive the
/// reboot either, so the start-up reconcile (or the runtime's CNI GC) releases it again, with its
/// cooldown starting later, which errs on the safe side (docs/architecture.md). An assignment must be synced: losing it would hand the address
/// out again without a cooldown.
/// </remarks>
public sealed partial class CheckpointWriter(
    Datastore datastore,
    ICheckpointStore store,
    TimeProvider? time = null,
    ILogger<CheckpointWriter>? logger = null)
{
    /// <summary>How long a written-but-unsynced change may wait for a synced write before the writer syncs it itself.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(10);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<CheckpointWriter>.Instance;
    private TaskCompletionSource? _pending;
    private bool _pendingSync;
    private bool _writing;
    private int _flushArmed;
    private long _writes;

    /// <summary>Number of checkpoint writes done (for tests and metrics).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Returns once a checkpoint including every change made before this call is synced to disk.</summary>
    /// <param name="cancellationToken">Stops waiting; the write itself still completes. A caller that
    /// leads a write (see remarks) waits for it regardless.</param>
    /// <remarks>When no write is running, the caller leads: it writes on its own thread, so a lone
    /// ADD or DEL pays no thread hand-off; callers arriving meanwhile join the next write, which a
    /// pool thread does.</remarks>
    public Task PersistAsync(CancellationToken cancellationToken) =>
        PersistAsync(CheckpointDurability.Synced, cancellationToken);

    /// <summary>Returns once a checkpoint including every change made before this call has the given
    /// durability; a <see cref="CheckpointDurability.Written"/> change is synced within <see cref="FlushDelay"/>.</summary>
    public Task PersistAsync(CheckpointDurability durability, CancellationToken cancellationToken)
    {
        TaskCompletionSource batch;
        bool lead;
        lock (_gate)
        {
            _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pendingSync |= durability == CheckpointDurability.Synced;
            batch = _pending;
            lead = !_writing;
            _writing = true;
        }

        return lead ? LeadAsync(batch) : batch.Task.WaitAsync(cancellationToken);
    }

    private async Task LeadAsync(TaskCompletionSource batch)
    {
        await WriteBatchAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (_pending is null)
            {
                _writing = false;
            }
            else
            {
                _ = Task.Run(WriteLoopAsync, CancellationToken.None);
            }
        }

        await batch.Task.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            lock (_gate)
            {
                if (_pending is null)
                {
                    _writing = false;
                    return;
                }
            }

            await WriteBatchAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Takes the pending batch and writes a snapshot taken after every member joined.</summary>
    private async Task WriteBatchAsync()
    {
        TaskCompletionSource batch;
        CheckpointDurability durability;
        lock (_gate)
        {
            batch = _pending!;
            durability = _pendingSync ? CheckpointDurability.Synced : CheckpointDurability.Written;
            _pending = null;
            _pendingSync = false;
        }

        try
        {
            // The write is not cancelled by a caller going away: a half-finished group commit
            // would leave other callers' changes undurable.
            await store.SaveAsync(datastore.ToCheckpoint(), durability, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _writes);
            batch.SetResult();
        }
#pragma warning disable CA1031 // Every failure goes to the callers, who turn it into a status code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            batch.SetException(ex);
        }

        if (durability == CheckpointDurability.Written)
        {
            ArmFlush();
        }
    }

    /// <summary>Syncs after <see cref="FlushDelay"/> unless a synced write does it first (then the flush finds nothing to do).</summary>
    private void ArmFlush()
    {
        if (Interlocked.Exchange(ref _flushArmed, 1) == 1)
        {
            return;
        }

        _ = FlushLaterAsync();
    }

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(FlushDelay, _time).ConfigureAwait(false);
            Volatile.Write(ref _flushArmed, 0);
            await PersistAsync(CheckpointDurability.Synced, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The daemon stopped meanwhile; its final synced write already covered the release.
        }
#pragma warning disable CA1031 // Nobody waits for this sync: log it; the store starts over with a snapshot on the next write.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _flushArmed, 0);
            LogFlushFailed(ex);
        }
    }

    [LoggerMessage(EventId = EventIds.CheckpointWriteFailed, Level = LogLevel.Error,
        Message = "Syncing released addresses to the checkpoint failed; the next write rewrites the whole checkpoint")]
    private partial void LogFlushFailed(Exception exception);
}
