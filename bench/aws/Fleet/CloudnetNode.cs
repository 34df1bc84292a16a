using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.State;
using Cloudnet.Providers.Aws;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Bench.Fleet;

/// <summary>
/// One node running what cloudnet-ipamd runs at boot in AWS mode, with the daemon's own types and
/// defaults: its own <see cref="Ec2CloudProvider"/> (so its own token bucket, retries and circuit
/// breaker, as every real node has), IMDS pointed at the node's instance in the emulator, the
/// <see cref="Reconciler"/> with default targets (WARM_ENI_TARGET=1) and settings, and
/// <see cref="EniBackgroundService"/> (max pods, leak sweep). The start-up is
/// <c>DaemonStartup.InitializeAsync</c> without what a new node does not have or what costs no
/// EC2 call (checkpoint, release spool, node programming): describe → sync → one warm-pool round;
/// then the reconciler loop starts. A describe that fails ends the daemon (DaemonStartException);
/// the kubelet restarts it after <see cref="RestartBackoff"/>.
/// With <paramref name="retriggerFailedRounds"/> (the "cloudnet-retrigger" what-if side, not the daemon's
/// behaviour today) a failed round is followed by another after the reconciler's own failure backoff, as
/// a fix proposed in bench/aws/README.md would do; today the daemon retries it only when an ADD triggers
/// a round or at the 60 s safety-net tick. <paramref name="tune"/> changes provider options before each
/// start (the "cloudnet-tuned" what-if side: slower, SDK-like retry delays).
/// </summary>
public sealed class CloudnetNode(
    string instanceId, Uri emulator, ILoggerFactory loggers, bool retriggerFailedRounds = false, Action<AwsProviderOptions>? tune = null) : IFleetNode
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly PoolTargets _targets = new WarmPoolOptions().ToTargets();
    private Daemon? _daemon;

    /// <inheritdoc />
    public string InstanceId => instanceId;

    /// <inheritdoc />
    public async Task<NodeOutcome> RunAsync(long origin, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await Clock.UntilAsync(origin, cancellationToken).ConfigureAwait(false);
        var restarts = 0;
        string? lastError = null;
        while (true)
        {
            var error = await StartAsync(cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                break;
            }

            lastError = error;
            restarts++;
            var delay = RestartBackoff.Before(restarts);
            if (Clock.Since(origin) + delay > deadline)
            {
                return new NodeOutcome(instanceId, null, restarts, lastError);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        while (Clock.Since(origin) < deadline)
        {
            if (IsWarm())
            {
                return new NodeOutcome(instanceId, Clock.Since(origin), restarts, lastError);
            }

            if (retriggerFailedRounds && _daemon is { Reconciler.ConsecutiveFailures: > 0 } failing)
            {
                // Coalesced; the loop waits the failure backoff (1 s doubling) before the round.
                failing.Reconciler.Trigger();
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }

        return new NodeOutcome(instanceId, null, restarts, lastError ?? LastRoundError());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_daemon is { } daemon)
        {
            _daemon = null;
            await daemon.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The warm pool meets its targets: the planner (the reconciler's own) has nothing to add.</summary>
    private bool IsWarm() =>
        _daemon is { State.Node: { } node } daemon
        && PoolPlanner.Plan(daemon.Datastore.CapturePoolState(), _targets, node.Limits).IsEmpty;

    private string? LastRoundError() => _daemon is { } d && d.Reconciler.ConsecutiveFailures > 0
        ? $"{d.Reconciler.ConsecutiveFailures} reconcile rounds failed in a row"
        : null;

    /// <summary>One start of the daemon process; null when it came up, else why it exited.</summary>
    private async Task<string?> StartAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync().ConfigureAwait(false);
        var options = new AwsProviderOptions
        {
            ClusterName = "fleet",
            Ec2Endpoint = emulator,
            ImdsEndpoint = new Uri(emulator, $"_emulator/instances/{instanceId}/"),
        };
        tune?.Invoke(options);
        var daemon = new Daemon(options, _targets, loggers);
        _daemon = daemon;
        NodeDescription node;
        try
        {
            node = await daemon.Provider.DescribeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CloudProviderException e)
        {
            return "describe failed: " + e.Message;
        }

        daemon.State.SetNode(node);
        daemon.Datastore.SyncInterfaces(node.Interfaces);
        await daemon.Reconciler.RunOnceAsync(describe: false, cancellationToken).ConfigureAwait(false);
        daemon.State.MarkReady();
        await daemon.Background.StartAsync(cancellationToken).ConfigureAwait(false);
        daemon.Reconciler.Start();
        return null;
    }

    /// <summary>The objects of one daemon process.</summary>
    private sealed class Daemon : IAsyncDisposable
    {
        public Daemon(AwsProviderOptions options, PoolTargets targets, ILoggerFactory loggers)
        {
            Provider = new Ec2CloudProvider(options, TimeProvider.System, loggers);
            Datastore = new Datastore(TimeProvider.System, Datastore.DefaultCooldown);
            var metrics = new DaemonMetrics();
            var signals = new ReconcilerSignals(new PoolSignal(), new PoolDemand(), new AssignGate(Datastore));
            Reconciler = new Reconciler(
                Datastore,
                new InstrumentedCloudProvider(Provider, metrics),
                new NoNodeNetwork(),
                State,
                targets,
                new ReconcilerSettings(),
                signals,
                new CheckpointWriter(Datastore, new DiscardingCheckpointStore()),
                metrics,
                TimeProvider.System,
                loggers.CreateLogger<Reconciler>());
            Background = new EniBackgroundService(Provider, TimeProvider.System, loggers.CreateLogger<EniBackgroundService>());
        }

        public Ec2CloudProvider Provider { get; }

        public Datastore Datastore { get; }

        public DaemonState State { get; } = new();

        public Reconciler Reconciler { get; }

        public EniBackgroundService Background { get; }

        public async ValueTask DisposeAsync()
        {
            await Reconciler.DisposeAsync().ConfigureAwait(false);
            await Background.StopAsync(CancellationToken.None).ConfigureAwait(false);
            Background.Dispose();
            Provider.Dispose();
        }
    }
}
