using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Pool;

// Rebuilding the slot table when the provider's truth changes (SyncInterfaces) or the state is
// replaced (Restore). Runs under the lock; O(addresses + allocations).
public sealed partial class Datastore
{
    private void Rebuild(PoolInterface[] interfaces, long now, bool keepDetachedCooling)
    {
        // What the old table knew, by address: cooldowns still running (with their order), addresses
        // already used, and the order of the reuse queue (so a resync does not reshuffle reuse).
        ExpireCooling(now);
        var cooling = new Dictionary<IPAddress, CoolingOrder>();
        var used = new HashSet<IPAddress>();
        foreach (ref readonly var old in _slots.AsSpan())
        {
            if (old.Used)
            {
                used.Add(old.Address);
            }
        }

        foreach (var (slot, order) in _cooling.UnorderedItems)
        {
            cooling[_slots[slot].Address] = order;
        }

        foreach (var (address, entry) in _detachedCooling)
        {
            used.Add(address);
            if (entry.Until.UtcTicks > now)
            {
                cooling.TryAdd(address, new CoolingOrder(entry.Until.UtcTicks, _coolingSeq++));
            }
        }

        var reuseOrder = new List<IPAddress>(_reused.Count);
        foreach (var slot in _reused)
        {
            reuseOrder.Add(_slots[slot].Address);
        }

        var index = new Dictionary<IPAddress, int>();
        var slots = LayOut(interfaces, index).ToArray();
        _interfaces = interfaces;
        _slots = slots;
        _slotByAddress = index;
        _fresh.Clear();
        _reused.Clear();
        _cooling.Clear();
        _assigned = 0;

        MapAllocations();
        MapCooling(cooling, now);
        QueueFree(used, reuseOrder);

        foreach (var address in _detachedCooling.Keys.ToArray())
        {
            if (!keepDetachedCooling || index.ContainsKey(address) || _detachedCooling[address].Until.UtcTicks <= now)
            {
                _detachedCooling.Remove(address);
            }
        }
    }

    private void MapAllocations()
    {
        foreach (var key in _held.Keys.ToArray())
        {
            var allocation = _held[key].Allocation;
            var slot = -1;
            if (_slotByAddress.TryGetValue(allocation.Address, out var found) && _slots[found].State != SlotState.Assigned)
            {
                slot = found;
                ref var s = ref _slots[slot];
                s.State = SlotState.Assigned;
                s.Used = true;
                _assigned++;
                var owner = _interfaces[s.Interface].Id;
                if (!string.Equals(owner, allocation.InterfaceId, StringComparison.Ordinal))
                {
                    // The provider is the truth: the address now lives on another interface.
                    allocation = allocation with { InterfaceId = owner };
                }
            }

            _held[key] = new Held(allocation, slot);
        }
    }

    private void MapCooling(Dictionary<IPAddress, CoolingOrder> cooling, long now)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            ref var s = ref _slots[i];
            if (s.State == SlotState.Free && cooling.TryGetValue(s.Address, out var order) && order.Until > now)
            {
                s.State = SlotState.Cooling;
                s.Until = order.Until;
                s.Used = true;
                _cooling.Enqueue(i, order);
            }
        }
    }

    private void QueueFree(HashSet<IPAddress> used, List<IPAddress> reuseOrder)
    {
        var queued = new HashSet<int>();
        foreach (var address in reuseOrder)
        {
            if (_slotByAddress.TryGetValue(address, out var slot) && IsOffered(slot) && queued.Add(slot))
            {
                _slots[slot].Used = true;
                _reused.Enqueue(slot);
            }
        }

        for (var i = 0; i < _slots.Length; i++)
        {
            if (!IsOffered(i) || queued.Contains(i))
            {
                continue;
            }

            if (used.Contains(_slots[i].Address))
            {
                _slots[i].Used = true;
                _reused.Enqueue(i);
            }
            else
            {
                _fresh.Enqueue(i);
            }
        }

        bool IsOffered(int slot) => _slots[slot].State == SlotState.Free && !_slots[slot].Excluded;
    }
}
