using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Planning;

/// <summary>The pool as the planner sees it: a snapshot taken from the datastore.</summary>
/// <param name="Interfaces">Every interface the node has, primary first.</param>
/// <param name="PendingAdds">ADDs waiting for an address right now (demand the pool cannot meet yet).</param>
public sealed record PoolState(ImmutableArray<InterfaceState> Interfaces, int PendingAdds = 0);

/// <summary>One interface's usage.</summary>
/// <param name="Id">Provider id.</param>
/// <param name="IsPrimary">The node's primary interface (never deleted).</param>
/// <param name="ExcludedFromPods">Pods never get addresses from it.</param>
/// <param name="Assigned">Addresses held by attachments (secondary and in prefixes).</param>
/// <param name="Cooling">Released addresses still cooling down.</param>
/// <param name="FreeAddresses">Secondary addresses (not in prefixes) that are neither assigned nor cooling.</param>
/// <param name="SecondaryAddresses">Number of secondary addresses (not in prefixes) on the interface.</param>
/// <param name="Prefixes">Delegated prefixes with their usage.</param>
public sealed record InterfaceState(
    string Id,
    bool IsPrimary,
    bool ExcludedFromPods,
    int Assigned,
    int Cooling,
    ImmutableArray<IPAddress> FreeAddresses,
    int SecondaryAddresses,
    ImmutableArray<PrefixState> Prefixes)
{
    /// <summary>Addresses the interface offers to pods (secondary plus every address in prefixes).</summary>
    public int Total(int addressesPerPrefix) => SecondaryAddresses + (Prefixes.Length * addressesPerPrefix);
}

/// <summary>A delegated prefix and how many of its addresses are in use.</summary>
public sealed record PrefixState(Cidr Prefix, int Assigned, int Cooling)
{
    /// <summary>True when no address of the prefix is assigned or cooling: it can be released.</summary>
    public bool IsUnused => Assigned == 0 && Cooling == 0;
}
