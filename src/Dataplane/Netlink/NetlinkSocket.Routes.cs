using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>Routes: add, replace, delete, list.</summary>
public sealed partial class NetlinkSocket
{
    /// <inheritdoc />
    public void AddRoute(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        _connection.Execute(RouteRequest(Rtm.NewRoute, Nl.FCreate | Nl.FExcl, route, route.EffectiveScope), $"RTM_NEWROUTE {route}");
    }

    /// <inheritdoc />
    public void ReplaceRoute(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        _connection.Execute(RouteRequest(Rtm.NewRoute, Nl.FCreate | Nl.FReplace, route, route.EffectiveScope), $"RTM_NEWROUTE replace {route}");
    }

    /// <inheritdoc />
    public DeleteOutcome DeleteRoute(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        // RT_SCOPE_NOWHERE matches a route of any scope, as `ip route del` does.
        var request = RouteRequest(Rtm.DelRoute, 0, route, route.Scope ?? RouteScope.Nowhere);
        // ESRCH: no such route; ENODEV: its device (and with it the route) is gone.
        return _connection.ExecuteDelete(request, $"RTM_DELROUTE {route}",
            Interop.Errno.ESRCH, Interop.Errno.ENOENT, Interop.Errno.ENODEV);
    }

    /// <inheritdoc />
    public IReadOnlyList<Route> ListRoutes(AddressFamily family, int? table = null)
    {
        var request = new MessageBuilder(Rtm.GetRoute, 0).RtMsg(Headers.Family(family), 0, 0, 0, 0, 0, 0);
        return _connection.Dump(request, "RTM_GETROUTE dump")
            .Select(RouteParser.Parse)
            .Where(route => route is not null && (table is null || route.Table == table))
            .Select(route => route!)
            .ToList();
    }

    /// <summary>
    /// The routes of table <paramref name="table"/> whose output interface is <paramref name="linkIndex"/>,
    /// filtered by the kernel (strict dump checking, Linux 4.20+): on a node with many pods a full
    /// dump would carry, and this process parse, every pod's routes to find one. Older kernels send
    /// the full dump, filtered here.
    /// </summary>
    public IReadOnlyList<Route> ListRoutes(AddressFamily family, int table, int linkIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(table);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(linkIndex);
        // Strict checking accepts only RTA_TABLE and RTA_OIF in a route dump request, and a header
        // whose lengths, tos and scope are zero.
        var request = new MessageBuilder(Rtm.GetRoute, 0)
            .RtMsg(Headers.Family(family), 0, table <= byte.MaxValue ? (byte)table : (byte)0, 0, 0, 0, 0)
            .U32(Rta.Table, (uint)table)
            .U32(Rta.Oif, (uint)linkIndex);
        return _connection.FilteredDump(request, $"RTM_GETROUTE dump table {table} oif {linkIndex}")
            .Select(RouteParser.Parse)
            .Where(route => route is not null && route.Table == table && route.LinkIndex == linkIndex)
            .Select(route => route!)
            .ToList();
    }

    private static MessageBuilder RouteRequest(ushort type, ushort flags, Route route, RouteScope scope)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(route.Table, nameof(route));
        var family = Headers.Family(route.Family);
        if (route.Gateway is { } gateway && gateway.AddressFamily != route.Family)
        {
            throw new ArgumentException($"gateway {gateway} is not of the family of {route.Destination}", nameof(route));
        }

        // Tables above 255 only fit RTA_TABLE; rtm_table then says RT_TABLE_UNSPEC.
        var request = new MessageBuilder(type, flags).RtMsg(
            family,
            (byte)route.Destination.PrefixLength,
            route.Table < 256 ? (byte)route.Table : (byte)0,
            (byte)route.Protocol,
            (byte)scope,
            (byte)route.Type,
            route.OnLink ? Rta.FlagOnLink : 0);
        request.U32(Rta.Table, (uint)route.Table);
        if (route.Destination.PrefixLength > 0)
        {
            request.Address(Rta.Dst, route.Destination.Network);
        }

        if (route.Gateway is not null)
        {
            request.Address(Rta.Gateway, route.Gateway);
        }

        if (route.LinkIndex is { } index)
        {
            request.U32(Rta.Oif, (uint)index);
        }

        if (route.Metric is { } metric)
        {
            request.U32(Rta.Priority, metric);
        }

        if (route.PreferredSource is not null)
        {
            request.Address(Rta.PrefSrc, route.PreferredSource);
        }

        return request;
    }
}
