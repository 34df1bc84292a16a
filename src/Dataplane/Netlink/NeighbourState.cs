namespace Cloudnet.Dataplane.Netlink;

/// <summary>Neighbour cache entry state (NUD_* in include/uapi/linux/neighbour.h).</summary>
[Flags]
public enum NeighbourState : ushort
{
    /// <summary>NUD_NONE.</summary>
    None = 0,

    /// <summary>NUD_INCOMPLETE: resolution in progress.</summary>
    Incomplete = 0x01,

    /// <summary>NUD_REACHABLE: confirmed recently.</summary>
    Reachable = 0x02,

    /// <summary>NUD_STALE: may need confirmation.</summary>
    Stale = 0x04,

    /// <summary>NUD_DELAY.</summary>
    Delay = 0x08,

    /// <summary>NUD_PROBE.</summary>
    Probe = 0x10,

    /// <summary>NUD_FAILED: resolution failed.</summary>
    Failed = 0x20,

    /// <summary>NUD_NOARP: no resolution needed.</summary>
    NoArp = 0x40,

    /// <summary>NUD_PERMANENT: static entry that never expires (the pod's gateway entry).</summary>
    Permanent = 0x80,
}
