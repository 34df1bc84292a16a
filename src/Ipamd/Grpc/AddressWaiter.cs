using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.State;

namespace Cloudnet.Ipamd.Grpc;

/// <summary>
/// ADD's assignment: take an address, or — when the pool is empty — count as demand, kick the
/// reconciler and wait up to CLOUDNET_ADD_WAIT, retrying whenever the reconciler reports new
/// addresses or a cooling address comes out of its cooldown. Peers fail at once here and leave
/// pods to kubelet's slow retries (DESIGN.md, complaint 1).
/// </summary>
public sealed class AddressWaiter(
    AssignGate gate,
    Datastore datastore,
    Reconciler reconciler,
    ReconcilerSignals signals,
    DaemonOptions options,
    TimeProvider time)
{
    /// <summary>The key's allocation and whether it is new; null after the wait ran out.</summary>
    /// <param name="key">The attachment.</param>
    /// <param name="pod">Metadata stored with a new allocation.</param>
    /// <param name="onWait">Called once if the ADD has to wait (for logging).</param>
    /// <param name="cancellationToken">The caller's deadline.</param>
    public async Task<AssignResult> AssignAsync(AllocationKey key, PodMetadata? pod, Action? onWait, CancellationToken cancellationToken)
    {
        var result = gate.Assign(key, pod);
        if (result.Status != AssignStatus.PoolEmpty)
        {
            return result;
        }

        onWait?.Invoke();
        var deadline = time.GetUtcNow() + options.AddWait;
        using var demand = signals.Demand.Wait();
        while (true)
        {
            // Take the signal before looking at the pool so a pulse in between is not lost.
            var changed = signals.Signal.Next;
            reconciler.Trigger();
            result = gate.Assign(key, pod);
            var now = time.GetUtcNow();
            if (result.Status != AssignStatus.PoolEmpty || now >= deadline)
            {
                return result;
            }

            var wait = deadline - now;
            var cooling = datastore.CoolingAddresses();
            if (cooling.Count > 0)
            {
                var soonest = cooling.Min(c => c.Until) - now + TimeSpan.FromMilliseconds(1);
                wait = soonest > TimeSpan.Zero && soonest < wait ? soonest : wait;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, time, timer.Token);
            await Task.WhenAny(changed, delay).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
