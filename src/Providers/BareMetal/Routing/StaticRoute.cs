using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Routing;

/// <summary>A route to another node's block via that node's address (static-route mode).</summary>
/// <param name="Destination">The block (or podCIDR) the other node owns.</param>
/// <param name="Via">The other node's address on the shared segment.</param>
/// <param name="Node">The owner node, when known (for logs).</param>
public sealed record StaticRoute(Cidr Destination, IPAddress Via, string? Node = null);
