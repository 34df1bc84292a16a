namespace Cloudnet.Dataplane.Conntrack.Protocol;

/// <summary>ctnetlink message types and attributes (include/uapi/linux/netfilter/nfnetlink_conntrack.h).</summary>
internal static class Cta
{
    // enum cntl_msg_types
    public const byte MsgNew = 0;
    public const byte MsgGet = 1;
    public const byte MsgDelete = 2;

    // enum ctattr_type (top level of a conntrack message)
    public const ushort TupleOrig = 1;
    public const ushort TupleReply = 2;
    public const ushort Zone = 18;
    public const ushort Id = 12;

    // enum ctattr_tuple (inside CTA_TUPLE_ORIG / CTA_TUPLE_REPLY)
    public const ushort TupleIp = 1;
    public const ushort TupleProto = 2;

    // enum ctattr_ip (inside CTA_TUPLE_IP); addresses in network byte order
    public const ushort IPv4Src = 1;
    public const ushort IPv4Dst = 2;
    public const ushort IPv6Src = 3;
    public const ushort IPv6Dst = 4;

    // enum ctattr_l4proto (inside CTA_TUPLE_PROTO); ports and ids are big-endian u16
    public const ushort ProtoNum = 1;
    public const ushort ProtoSrcPort = 2;
    public const ushort ProtoDstPort = 3;
    public const ushort ProtoIcmpId = 4;
    public const ushort ProtoIcmpV6Id = 7;
}
