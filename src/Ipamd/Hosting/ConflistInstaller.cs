using Cloudnet.Dataplane.CniInstall;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>
/// Writes the daemon's conflist into CLOUDNET_CNI_CONF_DIR once the daemon is ready, as aws-node
/// does: the kubelet reports the node's network ready as soon as a conflist is in the runtime's
/// directory, so writing it earlier (from an init container) lets pods be scheduled while their
/// ADDs still fail. The write is atomic and skipped when the file already has this content, so a
/// restart rewrites nothing.
/// </summary>
/// <remarks>
/// A failed write does not stop the daemon: it is already serving ADDs and DELs (for pods on a node
/// that kept the conflist of a previous run), and exiting would take that away and crash-loop
/// without making the directory writable. It logs the error (event 3015) and retries with backoff
/// (1 s doubling to 1 min) until the write succeeds or the daemon stops. The conflist is never
/// removed on shutdown: pods' DELs need the runtime to keep calling the binary, and while the
/// daemon restarts an ADD fails with "try again later" and is retried by the kubelet.
/// </remarks>
internal sealed partial class ConflistInstaller : IAsyncDisposable
{
    /// <summary>The first retry delay; doubled after each failure up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly string _target;
    private readonly byte[] _content;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _retrying = Task.CompletedTask;

    public ConflistInstaller(string target, byte[] content, TimeProvider time, ILogger logger)
    {
        _target = target;
        _content = content;
        _time = time;
        _logger = logger;
    }

    /// <summary>Writes the conflist now; on failure keeps retrying in the background until <see cref="DisposeAsync"/>.</summary>
    public void Install()
    {
        if (!TryInstall(FirstRetryDelay))
        {
            _retrying = RetryAsync(_stop.Token);
        }
    }

    /// <summary>Stops retrying. The installed conflist stays (see the remarks).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _retrying.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        try
        {
            do
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            while (!TryInstall(delay));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The daemon stops; the next start tries again.
        }
    }

    private bool TryInstall(TimeSpan nextDelay)
    {
        try
        {
            if (AtomicFile.Replace(_target, _content, EmbeddedConflist.Mode))
            {
                LogInstalled(_target, _content.Length);
            }
            else
            {
                LogUnchanged(_target);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFailed(ex, _target, nextDelay.TotalSeconds);
            return false;
        }
    }
}
