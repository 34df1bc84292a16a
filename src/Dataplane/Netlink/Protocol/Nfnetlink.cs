using System.Buffers.Binary;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>
/// NETLINK_NETFILTER framing (include/uapi/linux/netfilter/nfnetlink.h): the message type
/// carries the subsystem in its high byte and the subsystem's message in the low byte, and
/// every message starts with struct nfgenmsg.
/// </summary>
internal static class Nfnetlink
{
    /// <summary>NETLINK_NETFILTER (include/uapi/linux/netlink.h).</summary>
    public const int Protocol = 12;

    /// <summary>sizeof(struct nfgenmsg).</summary>
    public const int GenMsgLength = 4;

    /// <summary>NFNETLINK_V0.</summary>
    public const byte Version0 = 0;

    /// <summary>NFNL_SUBSYS_CTNETLINK: the conntrack table.</summary>
    public const byte SubsysCtnetlink = 1;

    /// <summary>The nlmsg_type of <paramref name="message"/> in <paramref name="subsystem"/> (nfnl_msg_type()).</summary>
    public static ushort MessageType(byte subsystem, byte message) => (ushort)((subsystem << 8) | message);

    /// <summary>struct nfgenmsg { u8 nfgen_family; u8 version; __be16 res_id; }.</summary>
    public static MessageBuilder NfGenMsg(this MessageBuilder builder, byte family, byte version = Version0, ushort resourceId = 0)
    {
        Span<byte> header = stackalloc byte[GenMsgLength];
        header[0] = family;
        header[1] = version;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], resourceId);
        return builder.Raw(header);
    }
}
