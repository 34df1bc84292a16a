namespace Cloudnet.Dataplane.Netlink;

/// <summary>Route type (rtm_type, RTN_* in include/uapi/linux/rtnetlink.h).</summary>
public enum RouteType : byte
{
    /// <summary>RTN_UNSPEC.</summary>
    Unspecified = 0,

    /// <summary>RTN_UNICAST: a gateway or direct route.</summary>
    Unicast = 1,

    /// <summary>RTN_LOCAL: an address of this host.</summary>
    Local = 2,

    /// <summary>RTN_BROADCAST.</summary>
    Broadcast = 3,

    /// <summary>RTN_ANYCAST.</summary>
    Anycast = 4,

    /// <summary>RTN_MULTICAST.</summary>
    Multicast = 5,

    /// <summary>RTN_BLACKHOLE: silently drop (owned but unassigned pod blocks).</summary>
    Blackhole = 6,

    /// <summary>RTN_UNREACHABLE: drop with ICMP host unreachable.</summary>
    Unreachable = 7,

    /// <summary>RTN_PROHIBIT: drop with ICMP administratively prohibited.</summary>
    Prohibit = 8,

    /// <summary>RTN_THROW: continue the rule lookup in the next table.</summary>
    Throw = 9,
}
