using System.Buffers.Binary;
using System.Net;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Conntrack.Protocol;

/// <summary>
/// The parts of one ctnetlink entry (an IPCTNL_MSG_CT_NEW dump reply) that matching and deleting
/// need, as views into the reply: nothing is copied until an entry matches.
/// </summary>
internal readonly ref struct RawEntry
{
    private RawEntry(byte family, ReadOnlySpan<byte> original, ReadOnlySpan<byte> reply, ReadOnlySpan<byte> zone, ReadOnlySpan<byte> id)
    {
        Family = family;
        Original = original;
        Reply = reply;
        Zone = zone;
        Id = id;
    }

    /// <summary>nfgen_family: AF_INET or AF_INET6.</summary>
    public byte Family { get; }

    /// <summary>The payload of CTA_TUPLE_ORIG (nested CTA_TUPLE_IP, CTA_TUPLE_PROTO, maybe CTA_TUPLE_ZONE).</summary>
    public ReadOnlySpan<byte> Original { get; }

    /// <summary>The payload of CTA_TUPLE_REPLY.</summary>
    public ReadOnlySpan<byte> Reply { get; }

    /// <summary>The payload of CTA_ZONE (big-endian u16), empty in the default zone.</summary>
    public ReadOnlySpan<byte> Zone { get; }

    /// <summary>The payload of CTA_ID (big-endian u32), empty if the kernel sent none.</summary>
    public ReadOnlySpan<byte> Id { get; }

    /// <summary>Reads the entry; false for a reply without both tuples (never deleted, never listed).</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out RawEntry entry)
    {
        entry = default;
        if (payload.Length < Nfnetlink.GenMsgLength)
        {
            return false;
        }

        ReadOnlySpan<byte> original = default, reply = default, zone = default, id = default;
        var attributes = new AttributeReader(payload[Nfnetlink.GenMsgLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Cta.TupleOrig:
                    original = value;
                    break;
                case Cta.TupleReply:
                    reply = value;
                    break;
                case Cta.Zone:
                    zone = value;
                    break;
                case Cta.Id:
                    id = value;
                    break;
            }
        }

        if (original.IsEmpty || reply.IsEmpty)
        {
            return false;
        }

        entry = new RawEntry(payload[0], original, reply, zone, id);
        return true;
    }

    /// <summary>The source and destination address bytes of a tuple (4 or 16 bytes each; empty when absent).</summary>
    public static void Addresses(ReadOnlySpan<byte> tuple, out ReadOnlySpan<byte> source, out ReadOnlySpan<byte> destination)
    {
        source = default;
        destination = default;
        var attributes = new AttributeReader(tuple);
        while (attributes.TryRead(out var type, out var value))
        {
            if (type != Cta.TupleIp)
            {
                continue;
            }

            var ip = new AttributeReader(value);
            while (ip.TryRead(out var ipType, out var address))
            {
                switch (ipType)
                {
                    case Cta.IPv4Src or Cta.IPv6Src:
                        source = address;
                        break;
                    case Cta.IPv4Dst or Cta.IPv6Dst:
                        destination = address;
                        break;
                }
            }
        }
    }

    /// <summary>Copies the entry into its public form.</summary>
    public ConntrackEntry ToEntry()
    {
        var (protocol, original) = Tuple(Original);
        var (_, reply) = Tuple(Reply);
        return new ConntrackEntry(
            protocol,
            original,
            reply,
            Id.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(Id) : 0,
            Zone.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Zone) : (ushort)0);
    }

    private static (byte Protocol, ConntrackTuple Tuple) Tuple(ReadOnlySpan<byte> tuple)
    {
        Addresses(tuple, out var source, out var destination);
        byte protocol = 0;
        ushort? sourcePort = null, destinationPort = null;
        var attributes = new AttributeReader(tuple);
        while (attributes.TryRead(out var type, out var value))
        {
            if (type != Cta.TupleProto)
            {
                continue;
            }

            var proto = new AttributeReader(value);
            while (proto.TryRead(out var protoType, out var field))
            {
                switch (protoType)
                {
                    case Cta.ProtoNum:
                        protocol = AttributeReader.U8(field);
                        break;
                    case Cta.ProtoSrcPort or Cta.ProtoIcmpId or Cta.ProtoIcmpV6Id when field.Length >= 2:
                        sourcePort = BinaryPrimitives.ReadUInt16BigEndian(field);
                        break;
                    case Cta.ProtoDstPort when field.Length >= 2:
                        destinationPort = BinaryPrimitives.ReadUInt16BigEndian(field);
                        break;
                }
            }
        }

        return (protocol, new ConntrackTuple(ToAddress(source), ToAddress(destination), sourcePort, destinationPort));
    }

    private static IPAddress ToAddress(ReadOnlySpan<byte> bytes) =>
        AttributeReader.Address(bytes) ?? IPAddress.None;
}
