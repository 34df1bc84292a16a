using System.Net;
using System.Runtime.InteropServices;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>Decodes an RTM_NEWROUTE payload (rtmsg + attributes).</summary>
internal static class RouteParser
{
    /// <summary>The route, or null for cached clones (RTM_F_CLONED) and families we do not handle.</summary>
    public static Route? Parse(byte[] payload)
    {
        var span = payload.AsSpan();
        if (span.Length < Rta.MsgLength)
        {
            throw new NetlinkException($"malformed RTM_NEWROUTE: {span.Length} bytes");
        }

        var family = Headers.Family(span[0]);
        var flags = MemoryMarshal.Read<uint>(span[8..]);
        if (family == System.Net.Sockets.AddressFamily.Unspecified || (flags & Rta.FlagCloned) != 0)
        {
            return null;
        }

        int table = span[4];
        IPAddress? destination = null;
        IPAddress? gateway = null;
        IPAddress? source = null;
        int? linkIndex = null;
        uint? metric = null;
        var attributes = new AttributeReader(span[Rta.MsgLength..]);
        while (attributes.TryRead(out var type, out var value))
        {
            switch (type)
            {
                case Rta.Dst: destination = AttributeReader.Address(value); break;
                case Rta.Gateway: gateway = AttributeReader.Address(value); break;
                case Rta.Oif: linkIndex = AttributeReader.I32(value); break;
                case Rta.Priority: metric = AttributeReader.U32(value); break;
                case Rta.PrefSrc: source = AttributeReader.Address(value); break;
                case Rta.Table: table = (int)AttributeReader.U32(value); break;
                default: break;
            }
        }

        var zero = family == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
        return new Route
        {
            Destination = Cidr.Create(destination ?? zero, span[1]),
            Gateway = gateway,
            LinkIndex = linkIndex,
            Table = table,
            Scope = (RouteScope)span[6],
            Type = (RouteType)span[7],
            Protocol = (RouteProtocol)span[5],
            Metric = metric,
            OnLink = (flags & Rta.FlagOnLink) != 0,
            PreferredSource = source,
        };
    }
}
