using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cloudnet.Bench.AwsPolicy;

/// <summary>Runs a <see cref="ChurnSchedule"/> against one <see cref="IPodNetwork"/> in wall-clock time.</summary>
public sealed class ChurnRunner(ChurnSchedule schedule, IPodNetwork network)
{
    private readonly ConcurrentDictionary<int, Task<PodStart>> _starts = new();
    private readonly ConcurrentDictionary<int, CancellationTokenSource> _deleted = new();
    private readonly HashSet<int> _live = [];

    /// <summary>
    /// Runs the schedule from <paramref name="origin"/> (a timestamp of <see cref="Stopwatch"/>);
    /// <paramref name="churnBegins"/> runs once when the churn phase begins (the caller resets the EC2 counter there).
    /// Returns every pod's start once the last one has its address or was deleted before it got one;
    /// the pods still held stay up.
    /// </summary>
    public async Task<IReadOnlyList<PodStart>> RunAsync(long origin, Func<Task> churnBegins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(churnBegins);
        var deletes = new List<Task>();
        var churning = false;
        foreach (var step in schedule.Events())
        {
            await DelayUntilAsync(origin, step.At, cancellationToken).ConfigureAwait(false);
            if (step.InChurn && !churning)
            {
                churning = true;
                await churnBegins().ConfigureAwait(false);
            }

            if (step.Delete is { } old)
            {
                _live.Remove(old);
                deletes.Add(DeleteAsync(old, cancellationToken));
            }

            if (step.Start is { } index)
            {
                _live.Add(index);
                var scheduled = origin + (long)(step.At.TotalSeconds * Stopwatch.Frequency);
                var deleted = _deleted[index] = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _starts[index] = StartAsync(index, step.InChurn, scheduled, deleted.Token);
            }
        }

        await Task.WhenAll(deletes).ConfigureAwait(false);
        return [.. await Task.WhenAll(_starts.OrderBy(s => s.Key).Select(s => s.Value)).ConfigureAwait(false)];
    }

    /// <summary>Deletes the pods still held (after the counts were taken).</summary>
    public async Task CleanupAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_live.Select(i => network.DelAsync(Name(i), cancellationToken))).ConfigureAwait(false);

    private static string Name(int index) => "pod" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<PodStart> StartAsync(int index, bool inChurn, long scheduled, CancellationToken deleted)
    {
        await Task.Yield();
        var failed = 0;
        while (!deleted.IsCancellationRequested)
        {
            if (await network.AddAsync(Name(index), CancellationToken.None).ConfigureAwait(false))
            {
                return new PodStart(Name(index), inChurn, failed, Stopwatch.GetElapsedTime(scheduled));
            }

            failed++;
            try
            {
                await Task.Delay(schedule.Retry, deleted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deleted.IsCancellationRequested)
            {
                break;
            }
        }

        return new PodStart(Name(index), inChurn, failed, null);
    }

    private async Task DeleteAsync(int index, CancellationToken cancellationToken)
    {
        // A pod deleted while its ADD keeps failing is given up (kubelet stops retrying the sandbox of
        // a deleted pod); an ADD in flight finishes first. DEL follows in both cases, as the runtime
        // cleans up a failed sandbox with DEL.
        using (var deleted = _deleted[index])
        {
            await deleted.CancelAsync().ConfigureAwait(false);
            await _starts[index].ConfigureAwait(false);
        }

        await network.DelAsync(Name(index), cancellationToken).ConfigureAwait(false);
    }

    private static async Task DelayUntilAsync(long origin, TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = at - Stopwatch.GetElapsedTime(origin);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
