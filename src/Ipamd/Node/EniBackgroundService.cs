using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.Aws;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// Publishes max pods once the node is known, then sweeps leaked ENIs on a jittered schedule: a
/// <see cref="PeriodicTimer"/> at the sweep interval, each run delayed by a random 0–20% of it so a
/// fleet started together does not call EC2 in step.
/// </summary>
public sealed partial class EniBackgroundService(Ec2CloudProvider provider, TimeProvider timeProvider, ILogger<EniBackgroundService> logger)
    : BackgroundService
{
    private long _leaksDeleted;

    /// <summary>ENIs deleted by the sweep since start.</summary>
    public long LeaksDeleted => Interlocked.Read(ref _leaksDeleted);

    /// <summary>One sweep; failures are logged, never thrown (the next run tries again).</summary>
    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await provider.SweepLeakedInterfacesAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _leaksDeleted, deleted.Count);
        }
        catch (CloudProviderException ex)
        {
            LogSweepFailed(logger, ex.Message);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PublishMaxPodsAsync(stoppingToken).ConfigureAwait(false);
        var interval = provider.Options.LeakSweepInterval;
        if (interval <= TimeSpan.Zero || provider.Options.ImdsOnly)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var jitter = TimeSpan.FromTicks((long)(interval.Ticks * 0.2 * Random.Shared.NextDouble()));
                await Task.Delay(jitter, timeProvider, stoppingToken).ConfigureAwait(false);
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task PublishMaxPodsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var maxPods = await provider.MaxPodsAsync(cancellationToken).ConfigureAwait(false);
            LogMaxPods(logger, maxPods);
        }
        catch (CloudProviderException ex)
        {
            LogMaxPodsFailed(logger, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown before the node was known.
        }
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Max pods for this node: {MaxPods}")]
    private static partial void LogMaxPods(ILogger logger, int maxPods);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Warning, Message = "Could not compute max pods: {Error}")]
    private static partial void LogMaxPodsFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Warning, Message = "Leaked-ENI sweep failed; retrying at the next interval: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
