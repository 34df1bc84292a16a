using System.Net;
using System.Runtime.InteropServices;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Planning;

namespace Cloudnet.Ipam.Pool;

/// <summary>
/// The node's address book: which addresses the node holds (per interface, from the provider),
/// which attachment holds which address, and which released addresses are cooling down.
/// Thread-safe; every operation is in memory and O(1) amortised on the ADD/DEL path.
/// </summary>
/// <remarks>
/// <para>Choice of address: addresses never handed out since the last sync come first, in
/// interface order then address order (secondary addresses, then prefixes); released addresses
/// rejoin the pool only after their cooldown and are then reused first-in first-out, so an
/// address goes back to a new pod as late as possible (stale ARP and conntrack entries of the
/// previous pod, a known complaint about peers, have the longest time to expire).</para>
/// <para>Statistics count only addresses on interfaces: allocations whose address vanished from
/// the provider's description (orphans) are kept as allocations so DEL still finds them, but are
/// not part of <see cref="Stats"/>. Addresses of interfaces excluded from pods count only while
/// they are assigned or cooling (restored from a checkpoint written before the exclusion).</para>
/// </remarks>
public sealed partial class Datastore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _cooldownTicks;

    /// <summary>Creates an empty datastore.</summary>
    /// <param name="timeProvider">Clock for allocation times and cooldown expiry.</param>
    /// <param name="cooldown">How long a released address rests before reuse (IP_COOLDOWN_PERIOD, default 30 s).</param>
    public Datastore(TimeProvider timeProvider, TimeSpan cooldown)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(cooldown, TimeSpan.Zero);
        _time = timeProvider;
        _cooldownTicks = cooldown.Ticks;
    }

    /// <summary>The default cooldown (IP_COOLDOWN_PERIOD): 30 seconds.</summary>
    public static TimeSpan DefaultCooldown { get; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a released address rests before reuse.</summary>
    public TimeSpan Cooldown => TimeSpan.FromTicks(_cooldownTicks);

    /// <summary>Replaces the set of interfaces and their addresses with the provider's truth.
    /// Allocations are kept; those whose address is no longer on any interface are returned (orphans).</summary>
    /// <remarks>Returns every orphan after the sync, not only new ones, so a repeated sync gives the
    /// same answer. Cooling entries of addresses that left the node are dropped. An allocation whose
    /// address moved to another interface takes that interface's id.</remarks>
    public IReadOnlyList<Allocation> SyncInterfaces(IEnumerable<PoolInterface> interfaces)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        var list = interfaces.ToArray();
        lock (_gate)
        {
            Rebuild(list, _time.GetUtcNow().UtcTicks, keepDetachedCooling: false);
            return Orphans();
        }
    }

    /// <summary>Hands an address to <paramref name="key"/>; idempotent per key.</summary>
    public AssignResult Assign(AllocationKey key, PodMetadata? pod)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            // One hash of the key on the hot path: look up and reserve the entry together.
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_held, key, out var exists);
            if (exists)
            {
                return new AssignResult(AssignStatus.AlreadyAssigned, entry.Allocation);
            }

            ExpireCooling(now.UtcTicks);
            if (!TryTakeFree(out var slot))
            {
                _held.Remove(key);
                return new AssignResult(AssignStatus.PoolEmpty, null);
            }

            ref var s = ref _slots[slot];
            s.State = SlotState.Assigned;
            s.Used = true;
            var allocation = new Allocation(key, s.Address, _interfaces[s.Interface].Id, pod, now);
            entry = new Held(allocation, slot);
            _assigned++;
            return new AssignResult(AssignStatus.Assigned, allocation);
        }
    }

    /// <summary>Releases the key's address into cooldown. Returns the released allocation, or null for an unknown key (success).</summary>
    public Allocation? Release(AllocationKey key)
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            return ReleaseLocked(key, now);
        }
    }

    /// <summary>The key's allocation, or null.</summary>
    public Allocation? Find(AllocationKey key)
    {
        lock (_gate)
        {
            return _held.TryGetValue(key, out var held) ? held.Allocation : null;
        }
    }

    /// <summary>Releases every allocation of <paramref name="networkName"/> whose key is not in <paramref name="valid"/>; returns them.</summary>
    public IReadOnlyList<Allocation> Gc(string networkName, IReadOnlySet<AllocationKey> valid)
    {
        ArgumentNullException.ThrowIfNull(networkName);
        ArgumentNullException.ThrowIfNull(valid);
        var now = _time.GetUtcNow().UtcTicks;
        var released = new List<Allocation>();
        lock (_gate)
        {
            var doomed = new List<AllocationKey>();
            foreach (var (key, _) in _held)
            {
                if (string.Equals(key.NetworkName, networkName, StringComparison.Ordinal) && !valid.Contains(key))
                {
                    doomed.Add(key);
                }
            }

            foreach (var key in doomed)
            {
                released.Add(ReleaseLocked(key, now)!);
            }
        }

        return released;
    }

    /// <summary>Releases every allocation matching <paramref name="predicate"/> (e.g. pod netns gone); returns them.</summary>
    /// <remarks>The predicate runs outside the lock (it may do I/O); an allocation that was released
    /// or replaced meanwhile is left alone.</remarks>
    public IReadOnlyList<Allocation> ReleaseWhere(Func<Allocation, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var matching = new List<Allocation>();
        foreach (var allocation in Allocations())
        {
            if (predicate(allocation))
            {
                matching.Add(allocation);
            }
        }

        var now = _time.GetUtcNow().UtcTicks;
        var released = new List<Allocation>(matching.Count);
        lock (_gate)
        {
            foreach (var allocation in matching)
            {
                if (_held.TryGetValue(allocation.Key, out var held) && ReferenceEquals(held.Allocation, allocation))
                {
                    released.Add(ReleaseLocked(allocation.Key, now)!);
                }
            }
        }

        return released;
    }

    /// <summary>Current counts; cooling addresses are never counted as available. Orphaned
    /// allocations (address no longer on any interface) are not counted.</summary>
    public PoolStats Stats
    {
        get
        {
            var now = _time.GetUtcNow().UtcTicks;
            lock (_gate)
            {
                ExpireCooling(now);
                var available = _fresh.Count + _reused.Count;
                return new PoolStats(_assigned + available + _cooling.Count, _assigned, available, _cooling.Count);
            }
        }
    }

    /// <summary>All allocations, in no particular order.</summary>
    public IReadOnlyList<Allocation> Allocations()
    {
        lock (_gate)
        {
            var result = new Allocation[_held.Count];
            var i = 0;
            foreach (var (_, held) in _held)
            {
                result[i++] = held.Allocation;
            }

            return result;
        }
    }

    /// <summary>The interfaces as last synced.</summary>
    public IReadOnlyList<PoolInterface> Interfaces()
    {
        lock (_gate)
        {
            return _interfaces.ToArray();
        }
    }

    /// <summary>Finds the interface that owns <paramref name="address"/>, or null.</summary>
    public PoolInterface? InterfaceOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            return _slotByAddress.TryGetValue(address, out var slot) ? _interfaces[_slots[slot].Interface] : null;
        }
    }

    private Allocation? ReleaseLocked(AllocationKey key, long now)
    {
        if (!_held.Remove(key, out var held))
        {
            return null;
        }

        var until = now + _cooldownTicks;
        if (held.Slot < 0)
        {
            // An orphan: the address is not on any interface now. Remember its cooldown until the
            // next sync in case the provider's description was only momentarily incomplete.
            _detachedCooling[held.Allocation.Address] = new CoolingAddress(
                held.Allocation.Address, held.Allocation.InterfaceId, new DateTimeOffset(until, TimeSpan.Zero));
            return held.Allocation;
        }

        ref var s = ref _slots[held.Slot];
        s.State = SlotState.Cooling;
        s.Until = until;
        _assigned--;
        _cooling.Enqueue(held.Slot, new CoolingOrder(until, _coolingSeq++));
        return held.Allocation;
    }
}
