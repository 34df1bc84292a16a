namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>rtnetlink message types and attribute ids (include/uapi/linux/rtnetlink.h and friends).</summary>
internal static class Rtm
{
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort SetLink = 19;
    public const ushort NewAddr = 20;
    public const ushort DelAddr = 21;
    public const ushort GetAddr = 22;
    public const ushort NewRoute = 24;
    public const ushort DelRoute = 25;
    public const ushort GetRoute = 26;
    public const ushort NewNeigh = 28;
    public const ushort DelNeigh = 29;
    public const ushort GetNeigh = 30;
    public const ushort NewRule = 32;
    public const ushort DelRule = 33;
    public const ushort GetRule = 34;

    public static string Name(ushort type) => type switch
    {
        NewLink => "RTM_NEWLINK",
        DelLink => "RTM_DELLINK",
        GetLink => "RTM_GETLINK",
        SetLink => "RTM_SETLINK",
        NewAddr => "RTM_NEWADDR",
        DelAddr => "RTM_DELADDR",
        GetAddr => "RTM_GETADDR",
        NewRoute => "RTM_NEWROUTE",
        DelRoute => "RTM_DELROUTE",
        GetRoute => "RTM_GETROUTE",
        NewNeigh => "RTM_NEWNEIGH",
        DelNeigh => "RTM_DELNEIGH",
        GetNeigh => "RTM_GETNEIGH",
        NewRule => "RTM_NEWRULE",
        DelRule => "RTM_DELRULE",
        GetRule => "RTM_GETRULE",
        _ => $"RTM type {type}",
    };
}

/// <summary>Link constants (if_link.h, veth.h, if.h).</summary>
internal static class Ifla
{
    public const int InfoMsgLength = 16;

    public const ushort Address = 1;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;
    public const ushort OperState = 16;
    public const ushort LinkInfo = 18;
    public const ushort NetNsFd = 28;
    public const ushort LinkNetnsId = 37;

    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;

    public const ushort VethInfoPeer = 1;

    public const uint IffUp = 0x1;
    public const uint IffLowerUp = 0x10000;
}

/// <summary>Address constants (if_addr.h).</summary>
internal static class Ifa
{
    public const int MsgLength = 8;

    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Label = 3;
    public const ushort Flags = 8;
}

/// <summary>Route constants (rtnetlink.h).</summary>
internal static class Rta
{
    public const int MsgLength = 12;

    public const ushort Dst = 1;
    public const ushort Oif = 4;
    public const ushort Gateway = 5;
    public const ushort Priority = 6;
    public const ushort PrefSrc = 7;
    public const ushort Table = 15;

    public const uint FlagOnLink = 0x4;   // RTNH_F_ONLINK
    public const uint FlagCloned = 0x200; // RTM_F_CLONED

    public const byte TableCompat = 252;
}

/// <summary>FIB rule constants (fib_rules.h).</summary>
internal static class Fra
{
    public const int HdrLength = 12;

    public const ushort Dst = 1;
    public const ushort Src = 2;
    public const ushort IifName = 3;
    public const ushort Priority = 6;
    public const ushort FwMark = 10;
    public const ushort Table = 15;
    public const ushort FwMask = 16;
    public const ushort OifName = 17;
    public const ushort Protocol = 21;

    public const uint FlagInvert = 0x2;
}

/// <summary>Neighbour constants (neighbour.h).</summary>
internal static class Nda
{
    public const int MsgLength = 12;

    public const ushort Dst = 1;
    public const ushort LlAddr = 2;
}
