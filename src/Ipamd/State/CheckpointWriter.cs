using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.State;

/// <summary>
/// Makes the datastore durable before an RPC replies, committing concurrent changes as a group:
/// every caller that changed the datastore and then called <see cref="PersistAsync"/> joins the
/// next write, whose snapshot is taken after it joined, so one fsync covers many RPCs and no
/// caller is told "done" before its change is on disk.
/// </summary>
public sealed class CheckpointWriter(Datastore datastore, ICheckpointStore store)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _pending;
    private bool _writing;

    /// <summary>Number of checkpoint writes done (for tests and metrics).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    private long _writes;

    /// <summary>Returns once a checkpoint including every change made before this call is on disk.</summary>
    /// <param name="cancellationToken">Stops waiting; the write itself still completes. A caller that
    /// leads a write (see remarks) waits for it regardless.</param>
    /// <remarks>When no write is running, the caller leads: it writes on its own thread, so a lone
    /// ADD or DEL pays no thread hand-off; callers arriving meanwhile join the next write, which a
    /// pool thread does.</remarks>
    public Task PersistAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource batch;
        bool lead;
        lock (_gate)
        {
            _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
        lock (_gate)
        {
            batch = _pending!;
            _pending = null;
        }

        try
        {
            // The write is not cancelled by a caller going away: a half-finished group commit
            // would leave other callers' changes undurable.
            await store.SaveAsync(datastore.ToCheckpoint(), CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _writes);
            batch.SetResult();
        }
#pragma warning disable CA1031 // Every failure goes to the callers, who turn it into a status code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            batch.SetException(ex);
        }
    }
}
