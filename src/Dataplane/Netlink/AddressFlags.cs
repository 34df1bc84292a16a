namespace Cloudnet.Dataplane.Netlink;

/// <summary>Address flags (IFA_F_* in include/uapi/linux/if_addr.h), sent as IFA_FLAGS.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Mirrors the kernel's IFA_FLAGS / IFA_F_*.")]
public enum AddressFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>IFA_F_SECONDARY (reported only).</summary>
    Secondary = 0x01,

    /// <summary>IFA_F_NODAD: skip IPv6 duplicate address detection, so the address is usable at once.</summary>
    NoDad = 0x02,

    /// <summary>IFA_F_OPTIMISTIC (IPv6).</summary>
    Optimistic = 0x04,

    /// <summary>IFA_F_DADFAILED (reported only).</summary>
    DadFailed = 0x08,

    /// <summary>IFA_F_DEPRECATED (IPv6).</summary>
    Deprecated = 0x20,

    /// <summary>IFA_F_TENTATIVE: DAD still running (reported only).</summary>
    Tentative = 0x40,

    /// <summary>IFA_F_PERMANENT: configured, not autoconfigured (reported only).</summary>
    Permanent = 0x80,

    /// <summary>IFA_F_NOPREFIXROUTE: do not add the connected route for the prefix.</summary>
    NoPrefixRoute = 0x200,
}
