using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>
/// rtnetlink (NETLINK_ROUTE) for one network namespace: links, addresses, routes, rules and
/// neighbours. Calls are synchronous: each is a request the kernel answers at once, and staying
/// synchronous keeps them usable inside <see cref="Namespaces.NetworkNamespace.Run{T}(Func{T})"/>.
/// Refusals throw <see cref="NetlinkException"/> carrying the errno and the operation; deleting
/// what is not there returns <see cref="DeleteOutcome.AlreadyGone"/>.
/// </summary>
public interface INetlink : IDisposable
{
    /// <summary>Creates a veth pair, the peer directly in its target namespace, in one request; returns the local end.</summary>
    /// <exception cref="NetlinkException">EEXIST when a name is taken.</exception>
    LinkInfo CreateVeth(VethSpec spec);

    /// <summary>The link named <paramref name="name"/>, or null when there is none.</summary>
    LinkInfo? GetLink(string name);

    /// <summary>The link with index <paramref name="index"/>, or null when there is none.</summary>
    LinkInfo? GetLink(int index);

    /// <summary>The first link whose hardware address is <paramref name="mac"/>, or null.</summary>
    LinkInfo? FindLinkByMac(PhysicalAddress mac);

    /// <summary>All links of the namespace.</summary>
    IReadOnlyList<LinkInfo> ListLinks();

    /// <summary>Sets the link administratively up or down.</summary>
    void SetLinkUp(int index, bool up = true);

    /// <summary>Sets the link's MTU in bytes.</summary>
    void SetLinkMtu(int index, int mtu);

    /// <summary>Sets the link's hardware address.</summary>
    void SetLinkMac(int index, PhysicalAddress mac);

    /// <summary>Deletes a link by name (a veth takes its peer with it).</summary>
    DeleteOutcome DeleteLink(string name);

    /// <summary>Deletes a link by index.</summary>
    DeleteOutcome DeleteLink(int index);

    /// <summary>Adds an address; with <paramref name="replace"/> an existing one is updated instead of EEXIST.</summary>
    void AddAddress(LinkAddress address, bool replace = false);

    /// <summary>Deletes an address.</summary>
    DeleteOutcome DeleteAddress(LinkAddress address);

    /// <summary>Addresses of the namespace, optionally of one family and one link.</summary>
    IReadOnlyList<LinkAddress> ListAddresses(AddressFamily family = AddressFamily.Unspecified, int? linkIndex = null);

    /// <summary>Adds a route; EEXIST when an equal one exists.</summary>
    void AddRoute(Route route);

    /// <summary>Adds or replaces a route (NLM_F_REPLACE): idempotent.</summary>
    void ReplaceRoute(Route route);

    /// <summary>Deletes a route matching <paramref name="route"/> (its protocol tag included).</summary>
    DeleteOutcome DeleteRoute(Route route);

    /// <summary>Routes of one family, optionally of one table; cached clones are left out.</summary>
    IReadOnlyList<Route> ListRoutes(AddressFamily family, int? table = null);

    /// <summary>Adds a rule; EEXIST when an identical one exists.</summary>
    void AddRule(Rule rule);

    /// <summary>Deletes the first rule matching <paramref name="rule"/>.</summary>
    DeleteOutcome DeleteRule(Rule rule);

    /// <summary>Rules of one family.</summary>
    IReadOnlyList<Rule> ListRules(AddressFamily family);

    /// <summary>Adds or replaces a neighbour entry (permanent by default): idempotent.</summary>
    void AddNeighbour(Neighbour neighbour);

    /// <summary>Deletes the neighbour entry for the address on the link.</summary>
    DeleteOutcome DeleteNeighbour(Neighbour neighbour);

    /// <summary>Neighbour entries of one family, optionally of one link.</summary>
    IReadOnlyList<Neighbour> ListNeighbours(AddressFamily family, int? linkIndex = null);
}
