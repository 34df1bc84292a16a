using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Cni.Protocol;

/// <summary>An entry of a result's <c>routes</c>. The optional fields beyond dst/gw exist from spec 1.1.0.</summary>
/// <param name="Destination">Destination network.</param>
/// <param name="Gateway">Next hop, or null.</param>
/// <param name="Table">Route table (1.1.0), or null.</param>
/// <param name="Scope">Scope: 0 global, 253 link, 254 host (1.1.0), or null.</param>
/// <param name="Priority">Metric (1.1.0), or null.</param>
public sealed record CniRoute(Cidr Destination, IPAddress? Gateway, int? Table = null, int? Scope = null, int? Priority = null);
