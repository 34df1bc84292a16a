using System.Net;

namespace Cloudnet.Ipam.Addressing;

/// <summary>
/// A released address that may not be handed out again before <paramref name="Until"/>, so
/// neighbours' ARP caches and conntrack entries for the old pod expire first.
/// </summary>
public sealed record CoolingAddress(IPAddress Address, string InterfaceId, DateTimeOffset Until);
