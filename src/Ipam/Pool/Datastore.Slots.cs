using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Pool;

// The in-memory layout: one slot per address the interfaces offer, two FIFO queues of free
// slots (never used since the last sync; reused after cooldown) and a heap of cooling slots
// ordered by expiry. Every ADD/DEL touches a dictionary, a queue and the heap: O(1) amortised
// (the heap is O(log n) in the number of cooling addresses).
public sealed partial class Datastore
{
    /// <summary>Addresses of one prefix that are used; larger prefixes (an IPv6 /80) are used
    /// only up to this many addresses so a sync stays cheap.</summary>
    public const int MaxAddressesPerPrefix = 65_536;

    private PoolInterface[] _interfaces = [];
    private Slot[] _slots = [];
    private Dictionary<IPAddress, int> _slotByAddress = [];
    private readonly Dictionary<AllocationKey, Held> _held = [];
    private readonly Queue<int> _fresh = new();
    private readonly Queue<int> _reused = new();
    private readonly PriorityQueue<int, CoolingOrder> _cooling = new();
    private readonly Dictionary<IPAddress, CoolingAddress> _detachedCooling = [];
    private long _coolingSeq;
    private int _assigned;

    private enum SlotState : byte
    {
        Free,
        Assigned,
        Cooling,
    }

    private bool TryTakeFree(out int slot) => _fresh.TryDequeue(out slot) || _reused.TryDequeue(out slot);

    /// <summary>Moves every slot whose cooldown ended by <paramref name="now"/> to the back of the reuse queue.</summary>
    private void ExpireCooling(long now)
    {
        while (_cooling.TryPeek(out var slot, out var order) && order.Until <= now)
        {
            _cooling.Dequeue();
            ref var s = ref _slots[slot];
            s.State = SlotState.Free;
            if (!s.Excluded)
            {
                _reused.Enqueue(slot);
            }
        }
    }

    private List<Allocation> Orphans()
    {
        var orphans = new List<Allocation>();
        foreach (var (_, held) in _held)
        {
            if (held.Slot < 0)
            {
                orphans.Add(held.Allocation);
            }
        }

        return orphans;
    }

    private static List<Slot> LayOut(PoolInterface[] interfaces, Dictionary<IPAddress, int> index)
    {
        var slots = new List<Slot>();
        for (var i = 0; i < interfaces.Length; i++)
        {
            var nic = interfaces[i];
            foreach (var address in nic.Addresses)
            {
                Add(address, i, -1, nic.ExcludedFromPods);
            }

            for (var p = 0; p < nic.Prefixes.Length; p++)
            {
                var prefix = nic.Prefixes[p];
                var count = prefix.Size > MaxAddressesPerPrefix ? MaxAddressesPerPrefix : (int)prefix.Size;
                for (var offset = 0; offset < count; offset++)
                {
                    Add(prefix.AddressAt((UInt128)offset), i, p, nic.ExcludedFromPods);
                }
            }
        }

        return slots;

        void Add(IPAddress address, int nic, int prefix, bool excluded)
        {
            // The first interface that lists an address owns it; a provider listing one twice is ignored.
            if (index.TryAdd(address, slots.Count))
            {
                slots.Add(new Slot { Address = address, Interface = nic, Prefix = prefix, Excluded = excluded });
            }
        }
    }

    private struct Slot
    {
        public IPAddress Address;
        public int Interface;
        public int Prefix; // index into the interface's Prefixes, -1 for a secondary address
        public bool Excluded;
        public bool Used;
        public SlotState State;
        public long Until; // UTC ticks; meaningful while Cooling
    }

    private readonly record struct Held(Allocation Allocation, int Slot);

    private readonly record struct CoolingOrder(long Until, long Sequence) : IComparable<CoolingOrder>
    {
        public int CompareTo(CoolingOrder other)
        {
            var byTime = Until.CompareTo(other.Until);
            return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
        }
    }
}
