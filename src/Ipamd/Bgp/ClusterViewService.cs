using Cloudnet.Providers.BareMetal.Kubernetes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>
/// Runs the Kubernetes view of nodes and blocks and re-applies routing when it changes (mesh peers,
/// other nodes' blocks). Changes are coalesced: a burst of watch events causes one re-apply.
/// </summary>
public sealed partial class ClusterViewService(KubernetesClusterView view, IBlockRouting routing, ILogger<ClusterViewService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0, 1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        view.Changed += OnChanged;
        var watching = view.RunAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await routing.ClusterChangedAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogApplyFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            view.Changed -= OnChanged;
            try
            {
                await watching.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The view's loops end by cancellation.
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private void OnChanged(object? sender, EventArgs e)
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A re-apply is already due; it will see this change too.
        }
    }

    [LoggerMessage(EventId = 6130, Level = LogLevel.Warning, Message = "Applying routing after a cluster change failed; the next change or describe retries")]
    private partial void LogApplyFailed(Exception error);
}
