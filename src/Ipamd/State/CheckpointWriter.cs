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
    /// <param name="cancellationToken">Stops waiting; the write itself still completes.</param>
    public Task PersistAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (_gate)
        {
            _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            task = _pending.Task;
            if (!_writing)
            {
                _writing = true;
                _ = Task.Run(WriteLoopAsync, CancellationToken.None);
            }
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            TaskCompletionSource batch;
            lock (_gate)
            {
                if (_pending is null)
                {
                    _writing = false;
                    return;
                }

                batch = _pending;
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
}
