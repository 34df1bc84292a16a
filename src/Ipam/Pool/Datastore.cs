using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Planning;

namespace Cloudnet.Ipam.Pool;

/// <summary>
/// The node's address book: which addresses the node holds (per interface, from the provider),
/// which attachment holds which address, and which released addresses are cooling down.
/// Thread-safe; every operation is in memory and O(1) amortised on the ADD/DEL path.
/// </summary>
public sealed class Datastore
{
    /// <summary>Creates an empty datastore.</summary>
    /// <param name="timeProvider">Clock for allocation times and cooldown expiry.</param>
    /// <param name="cooldown">How long a released address rests before reuse (IP_COOLDOWN_PERIOD, default 30 s).</param>
    public Datastore(TimeProvider timeProvider, TimeSpan cooldown)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        throw new NotImplementedException();
    }

    /// <summary>Replaces the set of interfaces and their addresses with the provider's truth.
    /// Allocations are kept; those whose address is no longer on any interface are returned (orphans).</summary>
    public IReadOnlyList<Allocation> SyncInterfaces(IEnumerable<PoolInterface> interfaces) => throw new NotImplementedException();

    /// <summary>Hands an address to <paramref name="key"/>; idempotent per key.</summary>
    public AssignResult Assign(AllocationKey key, PodMetadata? pod) => throw new NotImplementedException();

    /// <summary>Releases the key's address into cooldown. Returns the released allocation, or null for an unknown key (success).</summary>
    public Allocation? Release(AllocationKey key) => throw new NotImplementedException();

    /// <summary>The key's allocation, or null.</summary>
    public Allocation? Find(AllocationKey key) => throw new NotImplementedException();

    /// <summary>Releases every allocation of <paramref name="networkName"/> whose key is not in <paramref name="valid"/>; returns them.</summary>
    public IReadOnlyList<Allocation> Gc(string networkName, IReadOnlySet<AllocationKey> valid) => throw new NotImplementedException();

    /// <summary>Releases every allocation matching <paramref name="predicate"/> (e.g. pod netns gone); returns them.</summary>
    public IReadOnlyList<Allocation> ReleaseWhere(Func<Allocation, bool> predicate) => throw new NotImplementedException();

    /// <summary>Current counts; cooling addresses are never counted as available.</summary>
    public PoolStats Stats => throw new NotImplementedException();

    /// <summary>All allocations, in no particular order.</summary>
    public IReadOnlyList<Allocation> Allocations() => throw new NotImplementedException();

    /// <summary>Addresses still cooling down.</summary>
    public IReadOnlyList<CoolingAddress> CoolingAddresses() => throw new NotImplementedException();

    /// <summary>The interfaces as last synced.</summary>
    public IReadOnlyList<PoolInterface> Interfaces() => throw new NotImplementedException();

    /// <summary>Finds the interface that owns <paramref name="address"/>, or null.</summary>
    public PoolInterface? InterfaceOf(IPAddress address) => throw new NotImplementedException();

    /// <summary>Snapshot for the planner.</summary>
    /// <param name="pendingAdds">ADDs waiting for an address now.</param>
    public PoolState CapturePoolState(int pendingAdds = 0) => throw new NotImplementedException();

    /// <summary>The persistent part of the state (allocations and cooldowns).</summary>
    public CheckpointData ToCheckpoint() => throw new NotImplementedException();

    /// <summary>Loads allocations and cooldowns from a checkpoint, replacing the current ones. Call before <see cref="SyncInterfaces"/>.</summary>
    public void Restore(CheckpointData checkpoint) => throw new NotImplementedException();
}
