using System.Net;
using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>Decodes an RTM_NEWADDR payload (ifaddrmsg + attributes).</summary>
internal static class AddressParser
{
    public static LinkAddress Parse(byte[] payload)
    {
        var span = payload.AsSpan();
        if (span.Length < Ifa.MsgLength)
        {
            throw new NetlinkException($"malformed RTM_NEWADDR: {span.Length} bytes");
        }

        var prefixLength = span[1];
        uint flags = span[2];
        var scope = (RouteScope)span[3];
        var index = MemoryMarshal.Read<int>(span[4..]);
        IPAddress? local = null;
        IPAddress? address = null;
        var attributes = new AttributeReader(span[Ifa.MsgLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Ifa.Local: local = AttributeReader.Address(value); break;
                case Ifa.Address: address = AttributeReader.Address(value); break;
                case Ifa.Flags: flags = AttributeReader.U32(value); break;
                default: break;
            }
        }

        var own = local ?? address ?? throw new NetlinkException("malformed RTM_NEWADDR: no address");
        return new LinkAddress(index, own, prefixLength) { Scope = scope, Flags = (AddressFlags)flags };
    }
}
