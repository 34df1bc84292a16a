using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Options;

namespace Cloudnet.Ipamd.State;

/// <summary>
/// Whether an ADD can be served now (CNI STATUS): an address is free, one leaves its cooldown
/// within the ADD wait, or the pool can still grow within the node's limits and targets.
/// </summary>
public sealed class PoolCapacity(Datastore datastore, DaemonState state, DaemonOptions options, TimeProvider time)
{
    /// <summary>CLOUDNET_ADD_WAIT.</summary>
    public TimeSpan AddWait => options.AddWait;

    /// <summary>True and an empty reason when an ADD can succeed now; otherwise false and why.</summary>
    public (bool CanServe, string Reason) Evaluate()
    {
        if (!state.IsReady)
        {
            return (false, state.IsDraining ? "daemon shutting down" : "daemon starting");
        }

        var stats = datastore.Stats;
        var targets = options.WarmPool;
        if (targets.MaxPods > 0 && stats.Assigned >= targets.MaxPods)
        {
            return (false, $"node at its pod limit ({targets.MaxPods}, MAX_PODS)");
        }

        if (stats.Available > 0)
        {
            return (true, "");
        }

        var soon = time.GetUtcNow() + options.AddWait;
        if (datastore.CoolingAddresses().Any(c => c.Until <= soon))
        {
            return (true, "");
        }

        return CanGrow() ? (true, "") : (false, $"pool exhausted: {stats.Total} addresses, {stats.Assigned} assigned, {stats.Cooling} cooling, and the node's limits are reached");
    }

    private bool CanGrow()
    {
        if (state.Node is not { } node)
        {
            return false;
        }

        var limits = node.Limits;
        var interfaces = datastore.Interfaces();
        var maxInterfaces = options.WarmPool.MaxEni > 0 ? Math.Min(options.WarmPool.MaxEni, limits.MaxInterfaces) : limits.MaxInterfaces;
        if (interfaces.Count < maxInterfaces)
        {
            return true;
        }

        return interfaces.Any(i => !i.ExcludedFromPods && (options.WarmPool.PrefixDelegation
            ? i.Prefixes.Length < limits.PrefixesPerInterface || i.Addresses.Length < limits.AddressesPerInterface
            : i.Addresses.Length < limits.AddressesPerInterface));
    }
}
