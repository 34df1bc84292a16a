using System.Buffers.Binary;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Planning;

namespace Cloudnet.Ipam.Tests.Planning;

/// <summary>One interface of a generated node: secondary addresses by state, and prefixes' usage.</summary>
internal sealed record NicSpec(int Free, int Assigned, int Cooling, bool Excluded, (int Assigned, int Cooling)[] Prefixes)
{
    public override string ToString() =>
        FormattableString.Invariant($"[{(Excluded ? "excluded " : "")}f{Free} a{Assigned} c{Cooling} p{string.Join(' ', Prefixes.Select(p => $"{p.Assigned}/{p.Cooling}"))}]");
}

/// <summary>
/// A node as a perfect cloud would keep it: executes plans literally (new addresses, prefixes and
/// interfaces appear at once) and hands free addresses to waiting ADDs, packing partly used
/// prefixes first as the datastore does. Cooling addresses stay cooling: no time passes.
/// </summary>
internal sealed class PoolSimulator
{
    private readonly List<Nic> _nics = [];
    private readonly int _perPrefix;
    private uint _nextAddress = 0x0A000001; // 10.0.0.1
    private uint _nextPrefix = 0x0B000000; // 11.0.0.0/28

    public PoolSimulator(IEnumerable<NicSpec> nics, int pending, int perPrefix)
    {
        _perPrefix = perPrefix;
        Pending = pending;
        foreach (var spec in nics)
        {
            var nic = new Nic(Id: $"eni-{_nics.Count}", IsPrimary: _nics.Count == 0, spec.Excluded)
            {
                Assigned = spec.Assigned,
                Cooling = spec.Cooling,
            };
            nic.Free.AddRange(NewAddresses(spec.Free));
            nic.Prefixes.AddRange(spec.Prefixes.Select(p => new Prefix(NewPrefix()) { Assigned = p.Assigned, Cooling = p.Cooling }));
            _nics.Add(nic);
        }
    }

    public int Pending { get; private set; }

    /// <summary>Addresses on interfaces that serve pods.</summary>
    public int Capacity => _nics.Where(n => !n.Excluded).Sum(n => n.Free.Count + n.Assigned + n.Cooling + (n.Prefixes.Count * _perPrefix));

    public PoolState Snapshot() => new([.. _nics.Select(n => n.ToState())], Pending);

    public void Apply(PoolPlan plan)
    {
        foreach (var action in plan.Actions)
        {
            switch (action)
            {
                case AssignAddresses a:
                    Find(a.InterfaceId).Free.AddRange(NewAddresses(a.Count));
                    break;
                case AssignPrefixes a:
                    Find(a.InterfaceId).Prefixes.AddRange(Enumerable.Range(0, a.Count).Select(_ => new Prefix(NewPrefix())));
                    break;
                case CreateInterface:
                    _nics.Add(new Nic($"eni-new-{_nics.Count}", IsPrimary: false, Excluded: false));
                    break;
                case ReleaseAddresses r:
                    Find(r.InterfaceId).Free.RemoveAll(r.Addresses.Contains);
                    break;
                case ReleasePrefixes r:
                    Find(r.InterfaceId).Prefixes.RemoveAll(p => r.Prefixes.Contains(p.Cidr));
                    break;
                case DeleteInterface d:
                    _nics.Remove(Find(d.InterfaceId));
                    break;
                default:
                    throw new InvalidOperationException($"unknown action {action}");
            }
        }
    }

    /// <summary>Gives waiting ADDs free addresses: secondaries first, then the fullest prefix with room.</summary>
    public void ServePending()
    {
        foreach (var nic in _nics.Where(n => !n.Excluded))
        {
            var served = Math.Min(Pending, nic.Free.Count);
            nic.Free.RemoveRange(0, served);
            nic.Assigned += served;
            Pending -= served;
        }

        while (Pending > 0)
        {
            var prefix = _nics.Where(n => !n.Excluded).SelectMany(n => n.Prefixes)
                .Where(p => p.Assigned + p.Cooling < _perPrefix)
                .MaxBy(p => p.Assigned + p.Cooling);
            if (prefix is null)
            {
                return;
            }

            prefix.Assigned++;
            Pending--;
        }
    }

    private Nic Find(string id) => _nics.Single(n => n.Id == id);

    private IEnumerable<IPAddress> NewAddresses(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return ToAddress(_nextAddress++);
        }
    }

    private Cidr NewPrefix()
    {
        var prefix = Cidr.Create(ToAddress(_nextPrefix), 28);
        _nextPrefix += 16;
        return prefix;
    }

    private static IPAddress ToAddress(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private sealed record Nic(string Id, bool IsPrimary, bool Excluded)
    {
        public List<IPAddress> Free { get; } = [];

        public int Assigned { get; set; }

        public int Cooling { get; set; }

        public List<Prefix> Prefixes { get; } = [];

        public InterfaceState ToState() => new(
            Id, IsPrimary, Excluded,
            Assigned + Prefixes.Sum(p => p.Assigned), Cooling + Prefixes.Sum(p => p.Cooling),
            Excluded ? [] : [.. Free], Free.Count + Assigned + Cooling,
            [.. Prefixes.Select(p => new PrefixState(p.Cidr, p.Assigned, p.Cooling))]);
    }

    private sealed record Prefix(Cidr Cidr)
    {
        public int Assigned { get; set; }

        public int Cooling { get; set; }
    }
}
