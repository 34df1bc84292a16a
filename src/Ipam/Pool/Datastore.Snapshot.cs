using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Planning;

namespace Cloudnet.Ipam.Pool;

// Snapshots out of the datastore (planner state, checkpoint) and the restore from a checkpoint.
public sealed partial class Datastore
{
    /// <summary>Addresses still cooling down (including those of orphans released since the last sync).</summary>
    public IReadOnlyList<CoolingAddress> CoolingAddresses()
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            return CoolingLocked(now);
        }
    }

    /// <summary>Snapshot for the planner.</summary>
    /// <param name="pendingAdds">ADDs waiting for an address now.</param>
    /// <remarks><see cref="InterfaceState.FreeAddresses"/> is empty for interfaces excluded from pods:
    /// their addresses are never offered.</remarks>
    public PoolState CapturePoolState(int pendingAdds = 0)
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            ExpireCooling(now);
            var n = _interfaces.Length;
            var assigned = new int[n];
            var cooling = new int[n];
            var secondary = new int[n];
            var free = new List<IPAddress>[n];
            var prefixAssigned = new int[n][];
            var prefixCooling = new int[n][];
            for (var i = 0; i < n; i++)
            {
                free[i] = [];
                prefixAssigned[i] = new int[_interfaces[i].Prefixes.Length];
                prefixCooling[i] = new int[_interfaces[i].Prefixes.Length];
            }

            foreach (ref readonly var s in _slots.AsSpan())
            {
                var i = s.Interface;
                if (s.Prefix < 0)
                {
                    secondary[i]++;
                    if (s.State == SlotState.Free && !s.Excluded)
                    {
                        free[i].Add(s.Address);
                    }
                }

                if (s.State == SlotState.Assigned)
                {
                    assigned[i]++;
                    if (s.Prefix >= 0)
                    {
                        prefixAssigned[i][s.Prefix]++;
                    }
                }
                else if (s.State == SlotState.Cooling)
                {
                    cooling[i]++;
                    if (s.Prefix >= 0)
                    {
                        prefixCooling[i][s.Prefix]++;
                    }
                }
            }

            var states = ImmutableArray.CreateBuilder<InterfaceState>(n);
            for (var i = 0; i < n; i++)
            {
                var nic = _interfaces[i];
                var prefixes = ImmutableArray.CreateBuilder<PrefixState>(nic.Prefixes.Length);
                for (var p = 0; p < nic.Prefixes.Length; p++)
                {
                    prefixes.Add(new PrefixState(nic.Prefixes[p], prefixAssigned[i][p], prefixCooling[i][p]));
                }

                states.Add(new InterfaceState(
                    nic.Id, nic.IsPrimary, nic.ExcludedFromPods, assigned[i], cooling[i],
                    [.. free[i]], secondary[i], prefixes.MoveToImmutable()));
            }

            return new PoolState(states.MoveToImmutable(), pendingAdds);
        }
    }

    /// <summary>The persistent part of the state (allocations and cooldowns with absolute expiry).</summary>
    public CheckpointData ToCheckpoint()
    {
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            var allocations = new CheckpointAllocation[_held.Count];
            var i = 0;
            foreach (var (key, held) in _held)
            {
                var a = held.Allocation;
                allocations[i++] = new CheckpointAllocation(
                    key.NetworkName, key.ContainerId, key.IfName, a.Address.ToString(), a.InterfaceId, a.AllocatedAt,
                    a.Pod?.Namespace, a.Pod?.Name, a.Pod?.Uid, a.Pod?.Netns);
            }

            var cooling = CoolingLocked(now)
                .Select(c => new CheckpointCooling(c.Address.ToString(), c.InterfaceId, c.Until))
                .ToArray();
            return new CheckpointData { Allocations = allocations, Cooling = cooling };
        }
    }

    /// <summary>Loads allocations and cooldowns from a checkpoint, replacing the current ones. Call before <see cref="SyncInterfaces"/>.</summary>
    /// <remarks>Until the next sync, restored allocations whose address is on no known interface are
    /// orphans and restored cooldowns are kept aside; the sync maps them onto the interfaces. Expired
    /// cooldowns are dropped.</remarks>
    /// <exception cref="CheckpointException">The checkpoint has another version, an unparsable address,
    /// or two entries for one key or one address.</exception>
    public void Restore(CheckpointData checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!string.Equals(checkpoint.Version, CheckpointData.CurrentVersion, StringComparison.Ordinal))
        {
            throw new CheckpointException(
                $"restore checkpoint: version '{checkpoint.Version}' is not '{CheckpointData.CurrentVersion}'");
        }

        var held = new Dictionary<AllocationKey, Allocation>();
        var owners = new Dictionary<IPAddress, AllocationKey>();
        foreach (var c in checkpoint.Allocations)
        {
            var key = new AllocationKey(c.NetworkName, c.ContainerId, c.IfName);
            var address = ParseAddress(c.Address, $"allocation {key}");
            if (!owners.TryAdd(address, key))
            {
                throw new CheckpointException($"restore checkpoint: address {address} is held by both {owners[address]} and {key}");
            }

            var pod = c.PodNamespace is null && c.PodName is null && c.PodUid is null && c.Netns is null
                ? null
                : new PodMetadata(c.PodNamespace, c.PodName, c.PodUid, c.Netns);
            if (!held.TryAdd(key, new Allocation(key, address, c.InterfaceId, pod, c.AllocatedAt)))
            {
                throw new CheckpointException($"restore checkpoint: allocation {key} appears twice");
            }
        }

        var now = _time.GetUtcNow().UtcTicks;
        var cooling = new Dictionary<IPAddress, CoolingAddress>();
        foreach (var c in checkpoint.Cooling)
        {
            var address = ParseAddress(c.Address, "cooling entry");
            if (c.Until.UtcTicks > now && !owners.ContainsKey(address))
            {
                cooling[address] = new CoolingAddress(address, c.InterfaceId, c.Until);
            }
        }

        lock (_gate)
        {
            _held.Clear();
            foreach (var (key, allocation) in held)
            {
                _held.Add(key, new Held(allocation, -1));
            }

            // Forget the current assignments and cooldowns; the rebuild takes the restored ones.
            _cooling.Clear();
            foreach (ref var s in _slots.AsSpan())
            {
                s.State = SlotState.Free;
            }

            _detachedCooling.Clear();
            foreach (var (address, entry) in cooling)
            {
                _detachedCooling.Add(address, entry);
            }

            Rebuild(_interfaces, now, keepDetachedCooling: true);
        }
    }

    private List<CoolingAddress> CoolingLocked(long now)
    {
        ExpireCooling(now);
        // In reuse order: by expiry, ties by release order; then those of orphans by expiry.
        var ordered = new List<(int Slot, CoolingOrder Order)>(_cooling.UnorderedItems);
        ordered.Sort((a, b) => a.Order.CompareTo(b.Order));
        var result = new List<CoolingAddress>(ordered.Count + _detachedCooling.Count);
        foreach (var (slot, order) in ordered)
        {
            var s = _slots[slot];
            result.Add(new CoolingAddress(s.Address, _interfaces[s.Interface].Id, new DateTimeOffset(order.Until, TimeSpan.Zero)));
        }

        foreach (var entry in _detachedCooling.Values.OrderBy(c => c.Until))
        {
            if (entry.Until.UtcTicks > now)
            {
                result.Add(entry);
            }
        }

        return result;
    }

    private static IPAddress ParseAddress(string? text, string what)
    {
        // IPAddress.TryParse accepts inet_aton shorthands ("10.1"); the checkpoint never holds them.
        if (IPAddress.TryParse(text, out var address)
            && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || text.AsSpan().Count('.') == 3))
        {
            return address;
        }

        throw new CheckpointException(string.Create(CultureInfo.InvariantCulture, $"restore checkpoint: {what}: '{text}' is not an IP address"));
    }
}
