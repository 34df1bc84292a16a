using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cloudnet.Providers.BareMetal.Bgp;

/// <summary>A BGP neighbour: a configured router (top of rack) or another node of the mesh.</summary>
/// <param name="Name">Stable name used for the BIRD protocol (letters, digits, underscores).</param>
/// <param name="Address">The neighbour's address.</param>
/// <param name="As">The neighbour's AS; equal to the local AS for iBGP.</param>
/// <param name="Multihop">True when the neighbour is not on a directly connected network.</param>
public sealed record BgpPeer(string Name, IPAddress Address, long As, bool Multihop = false)
{
    /// <summary>Parses <c>address[:as][/multihop]</c> (IPv6 addresses in brackets when an AS follows: <c>[2001:db8::1]:65000</c>).</summary>
    public static bool TryParse(string text, long defaultAs, [NotNullWhen(true)] out BgpPeer? peer)
    {
        peer = null;
        var span = text.Trim();
        var multihop = false;
        if (span.EndsWith("/multihop", StringComparison.OrdinalIgnoreCase))
        {
            multihop = true;
            span = span[..^"/multihop".Length];
        }

        var addressText = span;
        var asn = defaultAs;
        if (span.StartsWith('['))
        {
            var close = span.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            addressText = span[1..close];
            var rest = span[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || !TryParseAs(rest[1..], out asn)))
            {
                return false;
            }
        }
        else if (span.Count(c => c == ':') == 1)
        {
            var colon = span.IndexOf(':', StringComparison.Ordinal);
            addressText = span[..colon];
            if (!TryParseAs(span[(colon + 1)..], out asn))
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(addressText, out var address) || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            return false;
        }

        peer = new BgpPeer(NameFor(address), address, asn, multihop);
        return true;
    }

    /// <summary>The BIRD protocol name for a neighbour address: <c>peer_192_0_2_1</c>, <c>peer_2001_db8__1</c>.</summary>
    public static string NameFor(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return "peer_" + address.ToString().Replace('.', '_').Replace(':', '_');
    }

    private static bool TryParseAs(string text, out long asn) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out asn) && asn is > 0 and <= uint.MaxValue;
}
