using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>The fixed family headers that follow nlmsghdr in rtnetlink messages.</summary>
internal static class Headers
{
    /// <summary>struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; }.</summary>
    public static MessageBuilder IfInfo(this MessageBuilder builder, int index, uint flags = 0, uint change = 0)
    {
        Span<byte> header = stackalloc byte[Ifla.InfoMsgLength];
        header.Clear();
        MemoryMarshal.Write(header[4..], index);
        MemoryMarshal.Write(header[8..], flags);
        MemoryMarshal.Write(header[12..], change);
        return builder.Raw(header);
    }

    /// <summary>struct ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; }.</summary>
    public static MessageBuilder IfAddr(this MessageBuilder builder, byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        Span<byte> header = stackalloc byte[Ifa.MsgLength];
        header[0] = family;
        header[1] = prefixLength;
        header[2] = flags;
        header[3] = scope;
        MemoryMarshal.Write(header[4..], index);
        return builder.Raw(header);
    }

    /// <summary>struct rtmsg { u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; }.</summary>
    public static MessageBuilder RtMsg(
        this MessageBuilder builder, byte family, byte dstLength, byte table, byte protocol, byte scope, byte type, uint flags)
    {
        Span<byte> header = stackalloc byte[Rta.MsgLength];
        header.Clear();
        header[0] = family;
        header[1] = dstLength;
        header[4] = table;
        header[5] = protocol;
        header[6] = scope;
        header[7] = type;
        MemoryMarshal.Write(header[8..], flags);
        return builder.Raw(header);
    }

    /// <summary>struct fib_rule_hdr { u8 family, dst_len, src_len, tos, table, res1, res2, action; u32 flags; }.</summary>
    public static MessageBuilder FibRule(
        this MessageBuilder builder, byte family, byte dstLength, byte srcLength, byte table, byte action, uint flags)
    {
        Span<byte> header = stackalloc byte[Fra.HdrLength];
        header.Clear();
        header[0] = family;
        header[1] = dstLength;
        header[2] = srcLength;
        header[4] = table;
        header[7] = action;
        MemoryMarshal.Write(header[8..], flags);
        return builder.Raw(header);
    }

    /// <summary>struct ndmsg { u8 family; u8 pad1; u16 pad2; s32 ifindex; u16 state; u8 flags; u8 type; }.</summary>
    public static MessageBuilder NdMsg(this MessageBuilder builder, byte family, int index, ushort state)
    {
        Span<byte> header = stackalloc byte[Nda.MsgLength];
        header.Clear();
        header[0] = family;
        MemoryMarshal.Write(header[4..], index);
        MemoryMarshal.Write(header[8..], state);
        return builder.Raw(header);
    }

    /// <summary>The AF_* value netlink uses for a .NET address family.</summary>
    public static byte Family(System.Net.Sockets.AddressFamily family) => family switch
    {
        System.Net.Sockets.AddressFamily.InterNetwork => 2,
        System.Net.Sockets.AddressFamily.InterNetworkV6 => 10,
        System.Net.Sockets.AddressFamily.Unspecified => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6 are supported"),
    };

    /// <summary>The .NET address family of an AF_* value.</summary>
    public static System.Net.Sockets.AddressFamily Family(byte family) => family switch
    {
        2 => System.Net.Sockets.AddressFamily.InterNetwork,
        10 => System.Net.Sockets.AddressFamily.InterNetworkV6,
        _ => System.Net.Sockets.AddressFamily.Unspecified,
    };
}
