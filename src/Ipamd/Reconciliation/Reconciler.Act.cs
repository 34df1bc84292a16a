using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.Reconciliation;

public sealed partial class Reconciler
{
    /// <summary>Executes the plan's actions in order; stops at the first failure.</summary>
    private async Task<(int Done, CloudProviderException? Error)> ActAsync(PoolPlan plan, PoolLimits limits, CancellationToken cancellationToken)
    {
        var done = 0;
        var prefixFallback = false;
        foreach (var action in plan.Actions)
        {
            try
            {
                switch (action)
                {
                    case AssignAddresses a:
                        await AssignAddressesAsync(a.InterfaceId, a.Count, cancellationToken).ConfigureAwait(false);
                        break;
                    case AssignPrefixes p when !prefixFallback:
                        try
                        {
                            var prefixes = await _provider.AssignPrefixesAsync(p.InterfaceId, p.Count, cancellationToken).ConfigureAwait(false);
                            LogAssigned(p.InterfaceId, prefixes.Count, "prefixes");
                        }
                        catch (CloudProviderException ex) when (ex.Kind == CloudErrorKind.InsufficientCidrBlocks)
                        {
                            // The subnet has no free aligned /28: single addresses still fit. Fall back
                            // for the rest of this round; the next round tries prefixes again.
                            prefixFallback = true;
                            _metrics.PrefixFallbacks.Inc();
                            LogPrefixFallback(p.InterfaceId, p.Count, ex.Message);
                            await AssignAddressesAsync(p.InterfaceId, FallbackCount(p, limits), cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    case AssignPrefixes p:
                        await AssignAddressesAsync(p.InterfaceId, FallbackCount(p, limits), cancellationToken).ConfigureAwait(false);
                        break;
                    case CreateInterface c:
                        var created = await _provider.CreateInterfaceAsync(FillOf(c, limits, prefixFallback), cancellationToken).ConfigureAwait(false);
                        LogInterfaceCreated(created.Id, created.DeviceIndex, created.Addresses.Length, created.Prefixes.Length);
                        break;
                    case ReleaseAddresses r:
                        await ReleaseAddressesAsync(r, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReleasePrefixes r:
                        await ReleasePrefixesAsync(r, cancellationToken).ConfigureAwait(false);
                        break;
                    case DeleteInterface d:
                        await DeleteInterfaceAsync(d.InterfaceId, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        throw new InvalidOperationException($"unknown plan action {action.GetType().Name}");
                }

                done++;
            }
            catch (CloudProviderException ex)
            {
                LogProviderCallFailed(ex.Operation, ex.Kind, ex.Message);
                return (done, ex);
            }
        }

        return (done, null);
    }

    /// <summary>What a new interface is created with; after a prefix fallback in this round, addresses instead of prefixes.</summary>
    private static InterfaceFill FillOf(CreateInterface action, PoolLimits limits, bool prefixFallback) =>
        prefixFallback && action.Prefixes > 0
            ? new InterfaceFill(Addresses: Math.Min(action.Prefixes * limits.AddressesPerPrefix, limits.AddressesPerInterface))
            : new InterfaceFill(action.Addresses, action.Prefixes);

    private int FallbackCount(AssignPrefixes action, PoolLimits limits)
    {
        var current = _datastore.Interfaces().FirstOrDefault(i => i.Id == action.InterfaceId)?.Addresses.Length ?? 0;
        return Math.Max(0, Math.Min(action.Count * limits.AddressesPerPrefix, limits.AddressesPerInterface - current));
    }

    private async Task AssignAddressesAsync(string interfaceId, int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }

        var addresses = await _provider.AssignAddressesAsync(interfaceId, count, cancellationToken).ConfigureAwait(false);
        LogAssigned(interfaceId, addresses.Count, "addresses");
    }

    private async Task ReleaseAddressesAsync(ReleaseAddresses action, CancellationToken cancellationToken)
    {
        var wanted = action.Addresses.ToHashSet();
        var withdrawn = _gate.Exclusive(ds =>
        {
            var busy = BusyAddresses(ds);
            var free = wanted.Where(a => !busy.Contains(a)).ToHashSet();
            ds.SyncInterfaces(ds.Interfaces().Select(i => i.Id != action.InterfaceId ? i
                : i with { Addresses = [.. i.Addresses.Where(a => !free.Contains(a))] }));
            return free.ToList();
        });
        if (withdrawn.Count > 0)
        {
            await _provider.ReleaseAddressesAsync(action.InterfaceId, withdrawn, cancellationToken).ConfigureAwait(false);
            LogReleased(action.InterfaceId, withdrawn.Count, "addresses");
        }
    }

    private async Task ReleasePrefixesAsync(ReleasePrefixes action, CancellationToken cancellationToken)
    {
        var withdrawn = _gate.Exclusive(ds =>
        {
            var busy = BusyAddresses(ds);
            var unused = action.Prefixes.Where(p => !busy.Any(p.Contains)).ToHashSet();
            ds.SyncInterfaces(ds.Interfaces().Select(i => i.Id != action.InterfaceId ? i
                : i with { Prefixes = [.. i.Prefixes.Where(p => !unused.Contains(p))] }));
            return unused.ToList();
        });
        if (withdrawn.Count > 0)
        {
            await _provider.ReleasePrefixesAsync(action.InterfaceId, withdrawn, cancellationToken).ConfigureAwait(false);
            LogReleased(action.InterfaceId, withdrawn.Count, "prefixes");
        }
    }

    private async Task DeleteInterfaceAsync(string interfaceId, CancellationToken cancellationToken)
    {
        var withdrawn = _gate.Exclusive(ds =>
        {
            var target = ds.Interfaces().FirstOrDefault(i => i.Id == interfaceId);
            if (target is null || target.IsPrimary || !IsUnused(ds, target))
            {
                return false;
            }

            ds.SyncInterfaces(ds.Interfaces().Where(i => i.Id != interfaceId));
            return true;
        });
        if (withdrawn)
        {
            await _provider.DeleteInterfaceAsync(interfaceId, cancellationToken).ConfigureAwait(false);
            LogInterfaceDeleted(interfaceId);
        }
    }

    private static bool IsUnused(Datastore ds, PoolInterface target) =>
        !ds.Allocations().Any(a => a.InterfaceId == target.Id || target.Addresses.Contains(a.Address) || target.Prefixes.Any(p => p.Contains(a.Address)))
        && !ds.CoolingAddresses().Any(c => c.InterfaceId == target.Id);

    private static HashSet<IPAddress> BusyAddresses(Datastore ds) =>
        [.. ds.Allocations().Select(a => a.Address), .. ds.CoolingAddresses().Select(c => c.Address)];
}
