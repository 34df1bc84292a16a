using System.Threading.Channels;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.State;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Reconciliation;

/// <summary>
/// Keeps the warm pool at its targets: plan (<see cref="Ipam.Planning.PoolPlanner"/>) → act through
/// the provider → resync from the provider's description. Rounds run when triggered (an ADD or
/// DEL changed the pool, an ADD is waiting, the previous round failed) — coalesced, at most one per
/// <see cref="ReconcilerSettings.MinInterval"/>, with exponential backoff after failures — and on
/// a slow safety-net timer that also re-reads the provider's truth.
/// </summary>
public sealed partial class Reconciler : IAsyncDisposable
{
    private readonly Channel<bool> _triggers = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Datastore _datastore;
    private readonly ICloudProvider _provider;
    private readonly INodeNetwork _nodeNetwork;
    private readonly DaemonState _state;
    private readonly PoolTargets _targets;
    private readonly ReconcilerSettings _settings;
    private readonly PoolSignal _signal;
    private readonly PoolDemand _demand;
    private readonly AssignGate _gate;
    private readonly CheckpointWriter _checkpoint;
    private readonly DaemonMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _roundLock = new(1, 1);
    private readonly Ipam.Planning.ReleaseHysteresis _release;
    private ITimer? _releaseDue;
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;
    private int _failures;

    // The cloud may have changed since the datastore was last synced: a round acted and its resync
    // failed (throttled, say). The next round describes before planning, or it would plan from the
    // old state and create a second interface where the first already exists.
    private bool _unsynced;
    private int _disposed;

    /// <summary>Creates the reconciler; <see cref="Start"/> begins its loop.</summary>
    public Reconciler(
        Datastore datastore,
        ICloudProvider provider,
        INodeNetwork nodeNetwork,
        DaemonState state,
        PoolTargets targets,
        ReconcilerSettings settings,
        ReconcilerSignals signals,
        CheckpointWriter checkpoint,
        DaemonMetrics metrics,
        TimeProvider time,
        ILogger<Reconciler> logger)
    {
        ArgumentNullException.ThrowIfNull(signals);
        _datastore = datastore;
        _provider = provider;
        _nodeNetwork = nodeNetwork;
        _state = state;
        _targets = targets;
        _settings = settings;
        _signal = signals.Signal;
        _demand = signals.Demand;
        _gate = signals.Gate;
        _checkpoint = checkpoint;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _release = new Ipam.Planning.ReleaseHysteresis(
            targets.ReleaseDelay, targets.MaxReleaseDelay > targets.ReleaseDelay ? targets.MaxReleaseDelay : targets.ReleaseDelay, time);
        _metrics.ReleaseDelay.Set(_release.Delay.TotalSeconds);
    }

    /// <summary>How long a surplus must last before it is released, as learned so far.</summary>
    public TimeSpan ReleaseDelay => _release.Delay;

    /// <summary>When a held surplus will be released; null while none is held.</summary>
    public DateTimeOffset? ReleaseDueAt => _release.ReleaseDueAt;

    /// <summary>Consecutive failed rounds (0 after a success).</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>Asks for a round soon. Cheap and coalesced: many triggers before a round make one round.</summary>
    public void Trigger() => _triggers.Writer.TryWrite(true);

    /// <summary>Starts the trigger/timer loop.</summary>
    public void Start()
    {
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _loop = Task.Run(() => LoopAsync(token), CancellationToken.None);
    }

    /// <summary>Stops the loop and waits for a running round to finish or observe cancellation.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _releaseDue?.Dispose();
        _stop?.Dispose();
        _roundLock.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var safety = new PeriodicTimer(_settings.SafetyInterval, _time);
            var tick = safety.WaitForNextTickAsync(cancellationToken).AsTask();
            Task<bool>? triggered = null;
            var lastRun = DateTimeOffset.MinValue;
            while (true)
            {
                triggered ??= _triggers.Reader.WaitToReadAsync(cancellationToken).AsTask();
                var describe = await Task.WhenAny(triggered, tick).ConfigureAwait(false) == tick;
                if (describe)
                {
                    await tick.ConfigureAwait(false);
                    tick = safety.WaitForNextTickAsync(cancellationToken).AsTask();
                }
                else
                {
                    await triggered.ConfigureAwait(false);
                    triggered = null;
                }

                var wait = lastRun + CurrentSpacing() - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    LogBackoff(wait, ConsecutiveFailures);
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                // Triggers that arrived until now are served by this round.
                _triggers.Reader.TryRead(out _);
                if (triggered?.IsCompleted == true)
                {
                    triggered = null;
                }

                await RunOnceAsync(describe, cancellationToken).ConfigureAwait(false);
                lastRun = _time.GetUtcNow();
                ArmReleaseDue();
                if (ConsecutiveFailures > 0)
                {
                    // A failed round is tried again once the backoff allows, not only when an ADD
                    // or the safety timer next asks: a node whose boot round was throttled would
                    // otherwise sit with an empty pool for up to a safety interval.
                    Trigger();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stop was requested.
        }
    }

    /// <summary>A release held back by the release delay (CLOUDNET_RELEASE_DELAY) gets a round of its own when it falls
    /// due, instead of waiting up to a safety interval more.</summary>
    private void ArmReleaseDue()
    {
        if (_release.ReleaseDueAt is not { } due)
        {
            _releaseDue?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var dueIn = due - _time.GetUtcNow();
        _releaseDue ??= _time.CreateTimer(_ => Trigger(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _releaseDue.Change(dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private TimeSpan CurrentSpacing()
    {
        var failures = ConsecutiveFailures;
        if (failures == 0)
        {
            return _settings.MinInterval;
        }

        var backoff = _settings.InitialBackoff * Math.Pow(2, Math.Min(failures - 1, 20));
        return backoff > _settings.MaxBackoff ? _settings.MaxBackoff : backoff;
    }
}
