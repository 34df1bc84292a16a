using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Tests.Netlink;

namespace Cloudnet.Dataplane.Tests.Conntrack;

/// <summary>Builds ctnetlink dump replies for the scripted kernel (<see cref="FakeTransport"/>).</summary>
internal static class CtMessages
{
    public const ushort CtNew = 0x0100;
    public const ushort CtGet = 0x0101;
    public const ushort CtDelete = 0x0102;
    private const ushort Multi = 0x2;
    private const ushort Nested = 0x8000;

    /// <summary>One dump reply: a UDP entry from <paramref name="source"/> to <paramref name="destination"/>,
    /// its reply tuple reversed unless <paramref name="replySource"/> says otherwise (DNAT).</summary>
    public static byte[] Entry(uint sequence, string source, string destination, uint id, string? replySource = null,
        ushort zone = 0, bool withOriginal = true)
    {
        var src = IPAddress.Parse(source);
        var dst = IPAddress.Parse(destination);
        var family = src.AddressFamily == AddressFamily.InterNetwork ? (byte)2 : (byte)10;
        var payload = new List<byte> { family, 0, 0, 0 };
        if (withOriginal)
        {
            payload.AddRange(Attribute(1 | Nested, Tuple(src, dst, 4000, 53)));
        }

        payload.AddRange(Attribute(2 | Nested, Tuple(replySource is null ? dst : IPAddress.Parse(replySource), src, 53, 4000)));
        if (zone != 0)
        {
            payload.AddRange(Attribute(18, BigEndian16(zone)));
        }

        payload.AddRange(Attribute(12, BigEndian32(id)));
        return Datagram.Message(CtNew, Multi, sequence, payload.ToArray());
    }

    /// <summary>The top-level attributes of a request sent to the fake kernel (after nlmsghdr and nfgenmsg).</summary>
    public static Dictionary<ushort, byte[]> Attributes(byte[] message)
    {
        var found = new Dictionary<ushort, byte[]>();
        var offset = 16 + 4;
        while (offset + 4 <= message.Length)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(offset));
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(offset + 2)) & 0x3fff);
            found[type] = message.AsSpan(offset + 4, length - 4).ToArray();
            offset += (length + 3) & ~3;
        }

        return found;
    }

    public static ushort TypeOf(byte[] message) => BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(4));

    private static byte[] Tuple(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort)
    {
        var v4 = source.AddressFamily == AddressFamily.InterNetwork;
        var ip = Attribute((ushort)(v4 ? 1 : 3), source.GetAddressBytes())
            .Concat(Attribute((ushort)(v4 ? 2 : 4), destination.GetAddressBytes()));
        var proto = Attribute(1, [17]).Concat(Attribute(2, BigEndian16(sourcePort))).Concat(Attribute(3, BigEndian16(destinationPort)));
        return Attribute(1 | Nested, ip.ToArray()).Concat(Attribute(2 | Nested, proto.ToArray())).ToArray();
    }

    private static byte[] Attribute(ushort type, byte[] value)
    {
        var length = 4 + value.Length;
        var bytes = new byte[(length + 3) & ~3];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), type);
        value.CopyTo(bytes, 4);
        return bytes;
    }

    private static byte[] BigEndian16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
