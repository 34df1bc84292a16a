namespace Cloudnet.Dataplane.Netlink;

/// <summary>Route and address scope (rtm_scope / ifa_scope, include/uapi/linux/rtnetlink.h).</summary>
public enum RouteScope : byte
{
    /// <summary>RT_SCOPE_UNIVERSE: reachable anywhere (gateway routes, global addresses).</summary>
    Universe = 0,

    /// <summary>RT_SCOPE_SITE (IPv6 site-local).</summary>
    Site = 200,

    /// <summary>RT_SCOPE_LINK: directly on the link (device routes without a gateway).</summary>
    Link = 253,

    /// <summary>RT_SCOPE_HOST: this host only (local routes, 127.0.0.1).</summary>
    Host = 254,

    /// <summary>RT_SCOPE_NOWHERE: matches any scope when deleting a route.</summary>
    Nowhere = 255,
}
