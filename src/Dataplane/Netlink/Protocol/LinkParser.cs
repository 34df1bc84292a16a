using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>Decodes an RTM_NEWLINK payload (ifinfomsg + attributes).</summary>
internal static class LinkParser
{
    public static LinkInfo Parse(byte[] payload)
    {
        var span = payload.AsSpan();
        if (span.Length < Ifla.InfoMsgLength)
        {
            throw new NetlinkException($"malformed RTM_NEWLINK: {span.Length} bytes");
        }

        var index = MemoryMarshal.Read<int>(span[4..]);
        var flags = MemoryMarshal.Read<uint>(span[8..]);
        string name = string.Empty;
        var mtu = 0;
        System.Net.NetworkInformation.PhysicalAddress? mac = null;
        string? kind = null;
        int? peerIndex = null;
        int? peerNetnsId = null;
        var attributes = new AttributeReader(span[Ifla.InfoMsgLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Ifla.IfName: name = AttributeReader.String(value); break;
                case Ifla.Mtu: mtu = (int)AttributeReader.U32(value); break;
                case Ifla.Address: mac = AttributeReader.Mac(value); break;
                case Ifla.Link: peerIndex = AttributeReader.I32(value); break;
                case Ifla.LinkNetnsId: peerNetnsId = AttributeReader.I32(value); break;
                case Ifla.LinkInfo: kind = Kind(value); break;
                default: break;
            }
        }

        return new LinkInfo(index, name, mtu, mac, flags, kind) { PeerIndex = peerIndex, PeerNetnsId = peerNetnsId };
    }

    private static string? Kind(ReadOnlySpan<byte> linkInfo)
    {
        var nested = new AttributeReader(linkInfo);
        while (nested.TryRead(out var type, out var value))
        {
            if (type == Ifla.InfoKind)
            {
                return AttributeReader.String(value);
            }
        }

        return null;
    }
}
