using System.Collections.Immutable;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Planning;

/// <summary>
/// The counts the planners reason about, derived once from a <see cref="PoolState"/>. Interfaces
/// excluded from pods are left out of every address count (they offer pods nothing) but still
/// count toward the interface limit, because the cloud counts them.
/// </summary>
internal sealed class PoolView
{
    private PoolView(PoolState state, PoolTargets targets, PoolLimits limits)
    {
        Targets = targets;
        Limits = limits;
        var all = state.Interfaces.IsDefault ? [] : state.Interfaces;
        InterfaceCount = all.Length;
        // Primary first, then the order the datastore gives (device index): fills go to the lowest.
        Usable = [.. all.Where(n => !n.ExcludedFromPods).OrderByDescending(n => n.IsPrimary)];
        foreach (var nic in Usable)
        {
            Assigned += nic.Assigned;
            Cooling += nic.Cooling;
            Free += FreeOf(nic);
        }

        Pending = state.PendingAdds;
        InterfaceLimit = targets.MaxEni > 0 ? Math.Min(targets.MaxEni, limits.MaxInterfaces) : limits.MaxInterfaces;
    }

    public PoolTargets Targets { get; }

    public PoolLimits Limits { get; }

    /// <summary>Interfaces that serve pods, primary first.</summary>
    public ImmutableArray<InterfaceState> Usable { get; }

    /// <summary>Every interface of the node, excluded ones too.</summary>
    public int InterfaceCount { get; }

    /// <summary>min(MAX_ENI when set, the provider's interface limit).</summary>
    public int InterfaceLimit { get; }

    public int Assigned { get; }

    /// <summary>Released addresses inside their cooldown: held, but never available.</summary>
    public int Cooling { get; }

    /// <summary>Addresses neither assigned nor cooling.</summary>
    public int Free { get; }

    public int Total => Assigned + Cooling + Free;

    /// <summary>ADDs waiting right now: demand on top of the targets.</summary>
    public int Pending { get; }

    public int AddressesPerPrefix => Limits.AddressesPerPrefix;

    /// <summary>Free addresses pods could ever use: MaxPods minus the assigned ones; unbounded without MaxPods.</summary>
    public int FreeCap => Targets.MaxPods > 0 ? Math.Max(Targets.MaxPods - Assigned, 0) : int.MaxValue;

    /// <summary>Total the pool may grow to: MaxPods plus the cooling addresses, which cannot serve pods.</summary>
    public int TotalCap => Targets.MaxPods > 0 ? Assigned + Cooling + FreeCap : int.MaxValue;

    /// <summary>Addresses the pool may still grow by (see <see cref="TotalCap"/>).</summary>
    public int GrowthRoom => Targets.MaxPods > 0 ? Math.Max(TotalCap - Total, 0) : int.MaxValue;

    public bool CanCreateInterface => InterfaceCount < InterfaceLimit;

    /// <summary>Why no interface can be created, naming the binding limit.</summary>
    public string InterfaceLimitText => Targets.MaxEni > 0 && Targets.MaxEni <= Limits.MaxInterfaces
        ? Invariant($"MAX_ENI ({Targets.MaxEni}) reached")
        : Invariant($"interface limit ({Limits.MaxInterfaces}) reached");

    public static PoolView Create(PoolState state, PoolTargets targets, PoolLimits limits) => new(state, targets, limits);

    /// <summary>Free addresses of one interface: its free secondaries plus the free addresses of its prefixes.</summary>
    public int FreeOf(InterfaceState nic)
    {
        var free = FreeAddressesOf(nic).Length;
        foreach (var prefix in PrefixesOf(nic))
        {
            free += Math.Max(AddressesPerPrefix - prefix.Assigned - prefix.Cooling, 0);
        }

        return free;
    }

    /// <summary>Secondary addresses the interface can still take.</summary>
    public int AddressRoom(InterfaceState nic) => Math.Max(Limits.AddressesPerInterface - nic.SecondaryAddresses, 0);

    /// <summary>Prefixes the interface can still take.</summary>
    public int PrefixRoom(InterfaceState nic) => Math.Max(Limits.PrefixesPerInterface - PrefixesOf(nic).Length, 0);

    /// <summary>A non-primary interface with no assigned and no cooling address: it may be deleted.</summary>
    public static bool IsDeletable(InterfaceState nic) =>
        !nic.IsPrimary && !nic.ExcludedFromPods && nic.Assigned == 0 && nic.Cooling == 0;

    /// <summary>A deletable interface that holds nothing at all.</summary>
    public static bool IsEmpty(InterfaceState nic) =>
        IsDeletable(nic) && nic.SecondaryAddresses == 0 && PrefixesOf(nic).IsEmpty;

    public static ImmutableArray<PrefixState> PrefixesOf(InterfaceState nic) => nic.Prefixes.IsDefault ? [] : nic.Prefixes;

    public static ImmutableArray<System.Net.IPAddress> FreeAddressesOf(InterfaceState nic) =>
        nic.FreeAddresses.IsDefault ? [] : nic.FreeAddresses;

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
