namespace Cloudnet.Dataplane.Nftables;

/// <summary>nftables address families (the word after "table" in the ruleset language).</summary>
public enum NftFamily
{
    /// <summary>"ip": IPv4 only.</summary>
    Ip,

    /// <summary>"ip6": IPv6 only.</summary>
    Ip6,

    /// <summary>"inet": IPv4 and IPv6 in one table (what cloudnet uses).</summary>
    Inet,

    /// <summary>"arp".</summary>
    Arp,

    /// <summary>"bridge".</summary>
    Bridge,

    /// <summary>"netdev": ingress/egress of one device.</summary>
    Netdev,
}
