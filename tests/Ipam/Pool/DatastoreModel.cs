using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Tests.Pool;

/// <summary>The simple model the property tests check the datastore against: sets and maps, no queues.</summary>
internal sealed class DatastoreModel
{
    public const int Keys = 12;

    // eni-0 is excluded from pods; eni-1 has four secondaries; eni-2 has two secondaries and a /30 prefix.
    private static readonly string[] Eni1 = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"];
    private static readonly string[] Eni2 = ["10.0.2.1", "10.0.2.2"];
    private static readonly string[] Eni2Prefix = ["10.0.1.0", "10.0.1.1", "10.0.1.2", "10.0.1.3"];

    public DatastoreModel(TimeSpan cooldown) => Cooldown = cooldown;

    public TimeSpan Cooldown { get; }

    /// <summary>Addresses on interfaces that pods may get, with their interface id.</summary>
    public Dictionary<IPAddress, string> Present { get; } = [];

    public Dictionary<AllocationKey, IPAddress> Allocated { get; } = [];

    public Dictionary<IPAddress, DateTimeOffset> CoolingUntil { get; } = [];

    public static AllocationKey KeyOf(int k) => new(k % 2 == 0 ? "net-a" : "net-b", $"c{k}", "eth0");

    /// <summary>The interfaces for a presence mask: bits 0-5 secondaries, bit 6 the prefix.</summary>
    public static PoolInterface[] Interfaces(int mask)
    {
        var eni1 = Eni1.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
        var eni2 = Eni2.Where((_, i) => (mask & (1 << (i + 4))) != 0).ToArray();
        var prefixes = (mask & (1 << 6)) != 0 ? new[] { "10.0.1.0/30" } : [];
        return
        [
            PoolFixtures.Nic("eni-0", ["10.0.9.9"], excluded: true, primary: true),
            PoolFixtures.Nic("eni-1", eni1),
            PoolFixtures.Nic("eni-2", eni2, prefixes),
        ];
    }

    public void Sync(int mask)
    {
        Present.Clear();
        foreach (var nic in Interfaces(mask).Where(n => !n.ExcludedFromPods))
        {
            foreach (var a in nic.Addresses.Concat(nic.Prefixes.SelectMany(p => Enumerable.Range(0, 4).Select(o => p.AddressAt((UInt128)o)))))
            {
                Present[a] = nic.Id;
            }
        }

        // Cooldowns of addresses that left the node are dropped.
        foreach (var a in CoolingUntil.Keys.Where(a => !Present.ContainsKey(a)).ToArray())
        {
            CoolingUntil.Remove(a);
        }
    }

    public bool IsCooling(IPAddress address, DateTimeOffset now) =>
        CoolingUntil.TryGetValue(address, out var until) && until > now;

    public IEnumerable<IPAddress> Available(DateTimeOffset now)
    {
        var held = Allocated.Values.ToHashSet();
        return Present.Keys.Where(a => !held.Contains(a) && !IsCooling(a, now));
    }

    public void Release(AllocationKey key, DateTimeOffset now)
    {
        if (Allocated.Remove(key, out var address))
        {
            CoolingUntil[address] = now + Cooldown;
        }
    }

    public PoolStats ExpectedStats(DateTimeOffset now)
    {
        var assigned = Allocated.Values.Count(Present.ContainsKey);
        var cooling = Present.Keys.Count(a => IsCooling(a, now));
        return new PoolStats(Present.Count, assigned, Present.Count - assigned - cooling, cooling);
    }

    public static IPAddress[] Universe() =>
        [.. Eni1.Concat(Eni2).Concat(Eni2Prefix).Append("10.0.9.9").Select(IPAddress.Parse)];
}
