using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.Reconciliation;

public sealed partial class Reconciler
{
    /// <summary>
    /// One round: optionally re-read the provider, then plan → act → resync until the plan is
    /// empty, a call fails, or <see cref="ReconcilerSettings.MaxStepsPerRound"/> is reached.
    /// Provider failures are counted, logged and returned, never thrown; the next round retries.
    /// </summary>
    /// <param name="describe">Re-read the provider's description first (safety-net rounds, start-up).</param>
    /// <param name="cancellationToken">Stops the round between and inside provider calls.</param>
    public async Task<ReconcileOutcome> RunOnceAsync(bool describe, CancellationToken cancellationToken)
    {
        await _roundLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _metrics.ReconcileRuns.Inc();
            var outcome = await RoundAsync(describe, cancellationToken).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                Volatile.Write(ref _failures, 0);
            }
            else
            {
                // The metric first: whoever sees ConsecutiveFailures move sees the error counted.
                _metrics.ReconcileErrors.Inc();
                Interlocked.Increment(ref _failures);
            }

            return outcome;
        }
        finally
        {
            _roundLock.Release();
        }
    }

    private async Task<ReconcileOutcome> RoundAsync(bool describe, CancellationToken cancellationToken)
    {
        var executed = 0;
        try
        {
            if (describe || _unsynced || _state.Node is null)
            {
                await ResyncAsync(cancellationToken).ConfigureAwait(false);
            }

            for (var step = 0; step < _settings.MaxStepsPerRound; step++)
            {
                var limits = _state.Node!.Limits;
                var planned = PoolPlanner.Plan(_datastore.CapturePoolState(_demand.Pending), _targets, limits);
                var heldBefore = _release.ReleaseDueAt;
                var delayBefore = _release.Delay;
                var plan = _release.Apply(planned);
                if (_release.Delay != delayBefore)
                {
                    LogReleaseDelayChanged(_release.Delay, delayBefore, _release.Delay > delayBefore
                        ? "the pool had to grow again within the delay of its last release"
                        : "the last release was not followed by growth within the delay");
                    _metrics.ReleaseDelay.Set(_release.Delay.TotalSeconds);
                }

                if (heldBefore is null && _release.ReleaseDueAt is { } due)
                {
                    LogReleaseHeld(due, planned.Reason);
                }

                if (plan.IsEmpty)
                {
                    break;
                }

                LogPlan(plan.Actions.Count, plan.Reason);
                // Releases that are written but not yet synced reach the disk before the cloud hears
                // of any change they may have caused.
                await _checkpoint.PersistAsync(cancellationToken).ConfigureAwait(false);
                _unsynced = true;
                var (done, error) = await ActAsync(plan, limits, cancellationToken).ConfigureAwait(false);
                executed += done;
                await ResyncAsync(cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    return new ReconcileOutcome(false, executed, error);
                }
            }

            return new ReconcileOutcome(true, executed);
        }
        catch (CloudProviderException ex)
        {
            LogProviderCallFailed(ex.Operation, ex.Kind, ex.Message);
            return new ReconcileOutcome(false, executed, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRoundFailed(ex);
            return new ReconcileOutcome(false, executed, ex);
        }
    }

    /// <summary>Reads the provider's truth, programs node networking for it, and syncs the datastore.</summary>
    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var node = await _provider.DescribeAsync(cancellationToken).ConfigureAwait(false);
        var interfaces = node.Interfaces;
        try
        {
            await _nodeNetwork.ApplyAsync(node, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Pods must not get addresses of an interface whose routing is not in place: keep
            // only interfaces that were already known (and programmed) until the next round.
            LogNodeNetworkFailed(ex);
            var known = _datastore.Interfaces().Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            interfaces = [.. interfaces.Where(i => known.Contains(i.Id))];
            _state.SetNode(node with { Interfaces = interfaces });
            SyncAndSignal(interfaces);
            throw;
        }

        _state.SetNode(node);
        SyncAndSignal(interfaces);
        _unsynced = false;
        await _checkpoint.PersistAsync(cancellationToken).ConfigureAwait(false);
    }

    private void SyncAndSignal(IEnumerable<PoolInterface> interfaces)
    {
        var orphans = _datastore.SyncInterfaces(interfaces);
        if (orphans.Count > 0)
        {
            LogOrphans(orphans.Count, string.Join(", ", orphans.Take(5).Select(o => $"{o.Key}={o.Address}")));
        }

        _signal.Pulse();
    }
}
