using Cloudnet.Ipamd.Metrics;
using Microsoft.Extensions.Hosting;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>
/// Every CLOUDNET_BAREMETAL_BGP_STATUS_INTERVAL: retries a pending BIRD reload and reads
/// <c>show protocols</c> into the metrics <c>cloudnet_bgp_session_established{peer}</c> (1 or 0),
/// <c>cloudnet_bgp_sessions_established</c> and <c>cloudnet_bgp_bird_up</c>.
/// </summary>
public sealed class BgpStatusService(BirdRouting bird, Cloudnet.Providers.BareMetal.BareMetalSettings settings, MetricRegistry metrics, TimeProvider timeProvider)
    : BackgroundService
{
    private readonly Gauge _session = metrics.CreateGauge("cloudnet_bgp_session_established", "1 when the BGP session with the peer is established.", ["peer"]);
    private readonly Gauge _established = metrics.CreateGauge("cloudnet_bgp_sessions_established", "Established BGP sessions.");
    private readonly Gauge _birdUp = metrics.CreateGauge("cloudnet_bgp_bird_up", "1 when BIRD's control socket answers.");

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.BgpStatusInterval, timeProvider);
        do
        {
            try
            {
                await bird.RetryPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Writing the configuration failed; /v1/bgp shows the last error and the next tick retries.
            }

            var protocols = await bird.RefreshStatusAsync(stoppingToken).ConfigureAwait(false);
            _birdUp.Set(bird.Status().BirdReachable ? 1 : 0);
            var bgp = protocols.Where(p => p.IsBgp).ToList();
            foreach (var p in bgp)
            {
                _session.WithLabels(p.Name).Set(p.IsEstablished ? 1 : 0);
            }

            _established.Set(bgp.Count(p => p.IsEstablished));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
