using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>Decodes an RTM_NEWNEIGH payload (ndmsg + attributes).</summary>
internal static class NeighbourParser
{
    /// <summary>The entry, or null for entries without an IP address (bridge FDB and the like).</summary>
    public static Neighbour? Parse(byte[] payload)
    {
        var span = payload.AsSpan();
        if (span.Length < Nda.MsgLength)
        {
            throw new NetlinkException($"malformed RTM_NEWNEIGH: {span.Length} bytes");
        }

        var index = MemoryMarshal.Read<int>(span[4..]);
        var state = (NeighbourState)MemoryMarshal.Read<ushort>(span[8..]);
        IPAddress? address = null;
        PhysicalAddress? mac = null;
        var attributes = new AttributeReader(span[Nda.MsgLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Nda.Dst: address = AttributeReader.Address(value); break;
                case Nda.LlAddr: mac = AttributeReader.Mac(value); break;
                default: break;
            }
        }

        return address is null ? null : new Neighbour(index, address, mac) { State = state };
    }
}
