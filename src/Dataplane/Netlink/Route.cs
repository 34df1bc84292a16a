using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>
/// A route (RTM_NEWROUTE). The family is that of <see cref="Destination"/>. Defaults follow
/// what cloudnet installs: main table, unicast, tagged <see cref="RouteProtocol.Cloudnet"/>.
/// </summary>
public sealed record Route
{
    /// <summary>Destination network; 0.0.0.0/0 or ::/0 for a default route.</summary>
    public required Cidr Destination { get; init; }

    /// <summary>Next hop; null for a device route or a blackhole.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Output interface index (RTA_OIF); null to let the kernel resolve it from the gateway.</summary>
    public int? LinkIndex { get; init; }

    /// <summary>Route table id (RTA_TABLE, so ids above 255 work). Default 254 (main).</summary>
    public int Table { get; init; } = 254;

    /// <summary>
    /// Scope; null derives it as iproute2 does: link for a unicast IPv4 route without gateway,
    /// host for local routes, universe otherwise; on delete, any scope.
    /// </summary>
    public RouteScope? Scope { get; init; }

    /// <summary>Route type. Default unicast; blackhole and unreachable take no gateway or device.</summary>
    public RouteType Type { get; init; } = RouteType.Unicast;

    /// <summary>Installer tag. Default <see cref="RouteProtocol.Cloudnet"/>; on delete, only routes with this tag match (Unspecified matches any).</summary>
    public RouteProtocol Protocol { get; init; } = RouteProtocol.Cloudnet;

    /// <summary>Route metric (RTA_PRIORITY); null means 0 for IPv4 and the kernel's 1024 for IPv6.</summary>
    public uint? Metric { get; init; }

    /// <summary>Treat the gateway as directly on the link even when no address covers it (RTNH_F_ONLINK).</summary>
    public bool OnLink { get; init; }

    /// <summary>Preferred source address for locally originated traffic (RTA_PREFSRC), if any.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>The address family of the destination.</summary>
    public AddressFamily Family => Destination.Family;

    /// <summary>The scope to send when adding: the explicit one, or the iproute2 default.</summary>
    internal RouteScope EffectiveScope => Scope ?? Type switch
    {
        RouteType.Local => RouteScope.Host,
        RouteType.Broadcast or RouteType.Multicast or RouteType.Anycast => RouteScope.Link,
        RouteType.Unicast or RouteType.Unspecified when Gateway is null && Family == AddressFamily.InterNetwork => RouteScope.Link,
        _ => RouteScope.Universe,
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Type == RouteType.Unicast ? string.Empty : Type.ToString().ToLowerInvariant() + " ").Append(Destination);
        if (Gateway is not null)
        {
            text.Append(" via ").Append(Gateway);
        }

        if (LinkIndex is { } index)
        {
            text.Append(" dev ifindex ").Append(index.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(" table ").Append(Table.ToString(CultureInfo.InvariantCulture));
        if (Metric is { } metric)
        {
            text.Append(" metric ").Append(metric.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(OnLink ? " onlink" : string.Empty).ToString();
    }
}
