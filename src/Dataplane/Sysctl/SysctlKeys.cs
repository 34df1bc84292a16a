namespace Cloudnet.Dataplane.Sysctl;

/// <summary>The sysctl keys cloudnet sets, in slash form (safe for interface names with dots).</summary>
public static class SysctlKeys
{
    /// <summary>net.ipv4.ip_forward: route IPv4 between interfaces (pod ↔ pod through the host).</summary>
    public const string IPv4Forwarding = "net/ipv4/ip_forward";

    /// <summary>net.ipv6.conf.all.forwarding: route IPv6 between interfaces.</summary>
    public const string IPv6Forwarding = "net/ipv6/conf/all/forwarding";

    /// <summary>Reverse-path filter of an interface: 0 off, 1 strict, 2 loose (secondary ENIs need loose).</summary>
    public static string RpFilter(string ifName) => Conf("ipv4", ifName, "rp_filter");

    /// <summary>Proxy ARP on an interface (answer ARP for addresses routed elsewhere).</summary>
    public static string ProxyArp(string ifName) => Conf("ipv4", ifName, "proxy_arp");

    /// <summary>Accept IPv6 router advertisements on an interface: 0 never, 1 unless forwarding, 2 always.</summary>
    public static string AcceptRa(string ifName) => Conf("ipv6", ifName, "accept_ra");

    /// <summary>Disable IPv6 on an interface (1) or enable it (0).</summary>
    public static string DisableIPv6(string ifName) => Conf("ipv6", ifName, "disable_ipv6");

    /// <summary>
    /// Duplicate address detection on an interface: 0 off, 1 on. Off means a new link-local address
    /// is usable at once instead of staying "tentative" for about a second.
    /// </summary>
    public static string AcceptDad(string ifName) => Conf("ipv6", ifName, "accept_dad");

    /// <summary>Per-interface key <c>net/{family}/conf/{ifName}/{name}</c>; ifName may be "all" or "default".</summary>
    public static string Conf(string family, string ifName, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifName);
        return $"net/{family}/conf/{ifName}/{name}";
    }
}
