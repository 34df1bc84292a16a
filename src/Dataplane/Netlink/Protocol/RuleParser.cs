using System.Net;
using System.Runtime.InteropServices;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>Decodes an RTM_NEWRULE payload (fib_rule_hdr + attributes).</summary>
internal static class RuleParser
{
    public static Rule Parse(byte[] payload)
    {
        var span = payload.AsSpan();
        if (span.Length < Fra.HdrLength)
        {
            throw new NetlinkException($"malformed RTM_NEWRULE: {span.Length} bytes");
        }

        var family = Headers.Family(span[0]);
        var dstLength = span[1];
        var srcLength = span[2];
        int table = span[4];
        var flags = MemoryMarshal.Read<uint>(span[8..]);
        // The kernel leaves FRA_PRIORITY out for priority 0 (the local-table rule).
        int? priority = 0;
        IPAddress? source = null;
        IPAddress? destination = null;
        uint? mark = null;
        uint? mask = null;
        string? iif = null;
        string? oif = null;
        var protocol = RouteProtocol.Unspecified;
        var attributes = new AttributeReader(span[Fra.HdrLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Fra.Priority: priority = (int)AttributeReader.U32(value); break;
                case Fra.Src: source = AttributeReader.Address(value); break;
                case Fra.Dst: destination = AttributeReader.Address(value); break;
                case Fra.FwMark: mark = AttributeReader.U32(value); break;
                case Fra.FwMask: mask = AttributeReader.U32(value); break;
                case Fra.IifName: iif = AttributeReader.String(value); break;
                case Fra.OifName: oif = AttributeReader.String(value); break;
                case Fra.Table: table = (int)AttributeReader.U32(value); break;
                case Fra.Protocol: protocol = (RouteProtocol)AttributeReader.U8(value); break;
                default: break;
            }
        }

        return new Rule
        {
            Family = family,
            Priority = priority,
            From = source is null ? null : Cidr.Create(source, srcLength),
            To = destination is null ? null : Cidr.Create(destination, dstLength),
            FwMark = mark,
            FwMask = mask,
            IifName = iif,
            OifName = oif,
            Table = table,
            Action = (RuleAction)span[7],
            Invert = (flags & Fra.FlagInvert) != 0,
            Protocol = protocol,
        };
    }
}
