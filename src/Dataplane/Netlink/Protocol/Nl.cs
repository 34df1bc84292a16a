namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>Netlink framing constants (include/uapi/linux/netlink.h).</summary>
internal static class Nl
{
    public const int HeaderLength = 16;
    public const int AttributeHeaderLength = 4;

    public const ushort MsgNoop = 1;
    public const ushort MsgError = 2;
    public const ushort MsgDone = 3;
    public const ushort MsgOverrun = 4;

    public const ushort FRequest = 0x1;
    public const ushort FMulti = 0x2;
    public const ushort FAck = 0x4;
    public const ushort FDumpIntr = 0x10;

    // GET requests.
    public const ushort FDump = 0x300;

    // NEW requests.
    public const ushort FReplace = 0x100;
    public const ushort FExcl = 0x200;
    public const ushort FCreate = 0x400;

    // Flags of an NLMSG_ERROR acknowledgement.
    public const ushort FCapped = 0x100;
    public const ushort FAckTlvs = 0x200;

    // NLMSGERR_ATTR_* in the extended ack.
    public const ushort ErrAttrMsg = 1;

    /// <summary>The nested-attribute flag bit that the kernel may set on attribute types.</summary>
    public const ushort AttrTypeMask = 0x3fff;
    public const ushort AttrNested = 0x8000;

    public static int Align(int length) => (length + 3) & ~3;
}
