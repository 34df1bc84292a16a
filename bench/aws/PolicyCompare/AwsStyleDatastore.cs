using System.Net;

namespace Cloudnet.Bench.AwsPolicy;

/// <summary>
/// The AWS-style ipamd's datastore: ENIs, their secondary addresses, which pod holds which, and
/// when a free address was released. An ADD takes a free address out of cooldown or fails at once
/// (AWS ipamd's AssignPodIPv4Address); a DEL frees the address and starts its cooldown.
/// </summary>
public sealed class AwsStyleDatastore(TimeSpan cooldown)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Eni> _enis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Eni, IPAddress Address)> _pods = new(StringComparer.Ordinal);

    /// <summary>Adds an ENI with its addresses (a no-op for one already known).</summary>
    public void AddEni(string id, bool isPrimary, DateTimeOffset createdAt, IEnumerable<IPAddress> addresses)
    {
        lock (_gate)
        {
            if (!_enis.ContainsKey(id))
            {
                _enis[id] = new Eni(isPrimary, createdAt);
            }

            AddAddressesLocked(id, addresses);
        }
    }

    /// <summary>Adds addresses EC2 assigned to a known ENI.</summary>
    public void AddAddresses(string id, IEnumerable<IPAddress> addresses)
    {
        lock (_gate)
        {
            AddAddressesLocked(id, addresses);
        }
    }

    /// <summary>Forgets an ENI (after the pool monitor chose to free it: it has no pod and no cooling address).</summary>
    public void RemoveEni(string id)
    {
        lock (_gate)
        {
            _enis.Remove(id);
        }
    }

    /// <summary>The secondary addresses of every ENI, for the reconcile's comparison with IMDS.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<IPAddress>> Addresses()
    {
        lock (_gate)
        {
            return _enis.ToDictionary(e => e.Key, e => (IReadOnlySet<IPAddress>)e.Value.Slots.Keys.ToHashSet(), StringComparer.Ordinal);
        }
    }

    /// <summary>Per-ENI counts for the pool monitor.</summary>
    public IReadOnlyList<EniView> Views(DateTimeOffset now)
    {
        lock (_gate)
        {
            return [.. _enis.Select(e => new EniView(
                e.Key,
                e.Value.IsPrimary,
                e.Value.CreatedAt,
                e.Value.Slots.Count,
                e.Value.Slots.Values.Count(s => s.Pod is not null),
                e.Value.Slots.Values.Count(s => s.Pod is null && IsCooling(s, now))))];
        }
    }

    /// <summary>ADD: the pod's address (the same one again for a retried key), or null when every free address is cooling.</summary>
    public IPAddress? Assign(string pod, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_pods.TryGetValue(pod, out var held))
            {
                return held.Address;
            }

            foreach (var (id, eni) in _enis)
            {
                foreach (var (address, slot) in eni.Slots)
                {
                    if (slot.Pod is null && !IsCooling(slot, now))
                    {
                        slot.Pod = pod;
                        _pods[pod] = (id, address);
                        return address;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>DEL: frees the pod's address, which then cools down; false when the pod holds none.</summary>
    public bool Release(string pod, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_pods.Remove(pod, out var held))
            {
                return false;
            }

            if (_enis.TryGetValue(held.Eni, out var eni) && eni.Slots.TryGetValue(held.Address, out var slot))
            {
                slot.Pod = null;
                slot.ReleasedAt = now;
            }

            return true;
        }
    }

    private bool IsCooling(Slot slot, DateTimeOffset now) => slot.ReleasedAt is { } at && now - at < cooldown;

    private void AddAddressesLocked(string id, IEnumerable<IPAddress> addresses)
    {
        var eni = _enis[id];
        foreach (var address in addresses)
        {
            eni.Slots.TryAdd(address, new Slot());
        }
    }

    private sealed class Eni(bool isPrimary, DateTimeOffset createdAt)
    {
        public bool IsPrimary { get; } = isPrimary;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public Dictionary<IPAddress, Slot> Slots { get; } = [];
    }

    private sealed class Slot
    {
        public string? Pod { get; set; }

        public DateTimeOffset? ReleasedAt { get; set; }
    }
}
