using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.BareMetal.Kubernetes;

/// <summary>
/// List, then watch from the list's resourceVersion, forever: a closed watch resumes from the last
/// event's resourceVersion, a 410 Gone (history compacted) relists, and failures back off (1 s doubling
/// to 30 s) on the injected clock. Each object change is handed to <see cref="ResourceInformerCallbacks{T}"/>.
/// </summary>
internal sealed partial class ResourceInformer<T>(
    string what,
    Func<CancellationToken, Task<(string ResourceVersion, IReadOnlyList<T> Items)>> list,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
    ResourceInformerCallbacks<T> callbacks,
    TimeProvider timeProvider,
    ILogger logger)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Lists, then watches, relisting when needed; ends only when cancelled, and then always with an OperationCanceledException.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (version, items) = await list(cancellationToken).ConfigureAwait(false);
                callbacks.Replace(items);
                backoff = TimeSpan.FromSeconds(1);
                await WatchFromAsync(version, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(what, backoff.TotalSeconds, e);
                await Task.Delay(backoff, timeProvider, cancellationToken).ConfigureAwait(false);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }

        // Cancelled between two rounds: say so the same way as when cancelled inside one.
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task WatchFromAsync(string version, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var gone = false;
            Exception? failure = null;
            void OnError(Exception e)
            {
                if (e is KubernetesException { Status.Code: 410 })
                {
                    gone = true;
                }
                else
                {
                    failure ??= e;
                }
            }

            await foreach (var (type, item) in watch(version, OnError, cancellationToken).ConfigureAwait(false))
            {
                callbacks.Apply(type, item);
                version = item.Metadata?.ResourceVersion ?? version;
            }

            if (gone)
            {
                LogRelist(what, version);
                return;
            }

            if (failure is not null)
            {
                throw new IOException($"watch of {what} failed: {failure.Message}", failure);
            }
        }
    }

    [LoggerMessage(EventId = 6040, Level = LogLevel.Warning, Message = "Watching {What} failed; retrying in {Seconds} s")]
    private partial void LogFailed(string what, double seconds, Exception error);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Information, Message = "Watch of {What} from resourceVersion {Version} expired; listing again")]
    private partial void LogRelist(string what, string version);
}

/// <summary>What an informer does with what it sees.</summary>
/// <param name="Replace">All objects after a list.</param>
/// <param name="Apply">One watch event.</param>
internal sealed record ResourceInformerCallbacks<T>(Action<IReadOnlyList<T>> Replace, Action<WatchEventType, T> Apply);
