namespace Cloudnet.Dataplane.Netlink;

/// <summary>
/// Who installed a route or rule (rtm_protocol / FRA_PROTOCOL). The kernel does not interpret
/// values from <see cref="Static"/> upwards; cloudnet tags everything it installs with
/// <see cref="Cloudnet"/> so that listings and cleanup recognise our own entries.
/// </summary>
public enum RouteProtocol : byte
{
    /// <summary>RTPROT_UNSPEC: matches any protocol when deleting.</summary>
    Unspecified = 0,

    /// <summary>RTPROT_REDIRECT: installed by an ICMP redirect.</summary>
    Redirect = 1,

    /// <summary>RTPROT_KERNEL: installed by the kernel (connected routes of addresses).</summary>
    Kernel = 2,

    /// <summary>RTPROT_BOOT: the default of iproute2 ("proto boot").</summary>
    Boot = 3,

    /// <summary>RTPROT_STATIC: installed by an administrator.</summary>
    Static = 4,

    /// <summary>RTPROT_BIRD: routes BIRD imported into the kernel (bare metal, BGP).</summary>
    Bird = 12,

    /// <summary>RTPROT_DHCP.</summary>
    Dhcp = 16,

    /// <summary>
    /// cloudnet's own tag, 0xCE (206): unused by the kernel's list (rtnetlink.h) and by
    /// iproute2's /etc/iproute2/rt_protos. Shown by <c>ip route</c> as "proto 206" unless
    /// "206 cloudnet" is added to /etc/iproute2/rt_protos.d/.
    /// </summary>
    Cloudnet = 0xCE,
}
