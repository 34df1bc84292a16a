using System.Globalization;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Tests.Planning;

/// <summary>
/// Planner inputs that read like the situation they stand for:
/// <c>Node(Primary(assigned: 8, free: 2), Nic(1, free: 10))</c>. Interface n is "eni-n"; its
/// secondary addresses are 10.n.0.x and its prefixes 10.n.(128+k).0/28.
/// </summary>
internal static class PoolStates
{
    public static PoolState Node(params InterfaceState[] nics) => new([.. nics]);

    public static PoolState Node(int pending, params InterfaceState[] nics) => new([.. nics], pending);

    public static InterfaceState Primary(int free = 0, int assigned = 0, int cooling = 0) =>
        Nic(0, free, assigned, cooling) with { IsPrimary = true };

    public static InterfaceState Nic(int index, int free = 0, int assigned = 0, int cooling = 0) =>
        new(Id(index), IsPrimary: false, ExcludedFromPods: false, assigned, cooling,
            [.. Enumerable.Range(1, free).Select(i => IPAddress.Parse(Invariant($"10.{index}.0.{i}")))],
            SecondaryAddresses: free + assigned + cooling, Prefixes: []);

    /// <summary>Adds prefixes with the given usage; <c>(0, 0)</c> is an unused prefix.</summary>
    public static InterfaceState WithPrefixes(this InterfaceState nic, params (int Assigned, int Cooling)[] usage)
    {
        var index = int.Parse(nic.Id.AsSpan(4), CultureInfo.InvariantCulture);
        var first = nic.Prefixes.Length;
        var added = usage.Select((u, k) => new PrefixState(Cidr.Parse(Invariant($"10.{index}.{128 + first + k}.0/28")), u.Assigned, u.Cooling));
        return nic with
        {
            Assigned = nic.Assigned + usage.Sum(u => u.Assigned),
            Cooling = nic.Cooling + usage.Sum(u => u.Cooling),
            Prefixes = [.. nic.Prefixes, .. added],
        };
    }

    public static InterfaceState WithUnusedPrefixes(this InterfaceState nic, int count) =>
        nic.WithPrefixes([.. Enumerable.Repeat((0, 0), count)]);

    public static InterfaceState Excluded(this InterfaceState nic) => nic with { ExcludedFromPods = true };

    /// <summary>A node of up to 4 interfaces with 10 addresses or 4 prefixes each.</summary>
    public static PoolLimits Limits(int maxInterfaces = 4, int perInterface = 10, int prefixesPerInterface = 4) =>
        new() { MaxInterfaces = maxInterfaces, AddressesPerInterface = perInterface, PrefixesPerInterface = prefixesPerInterface };

    public static string Id(int index) => Invariant($"eni-{index}");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
