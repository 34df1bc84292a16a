using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Emulator.State;

/// <summary>IPv4 addresses as host-order integers: the allocator's arithmetic is on these.</summary>
internal static class Ipv4
{
    public static uint ToUInt(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"'{address}' is not an IPv4 address", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public static string Format(uint value) => string.Create(CultureInfo.InvariantCulture,
        $"{value >> 24}.{(value >> 16) & 0xff}.{(value >> 8) & 0xff}.{value & 0xff}");

    public static string FormatCidr(uint network, int prefixLength) =>
        Format(network) + "/" + prefixLength.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out uint value)
    {
        value = 0;
        if (text is null || text.Count(c => c == '.') != 3 || !IPAddress.TryParse(text, out var address)
            || address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        value = ToUInt(address);
        return true;
    }

    /// <summary>Parses an IPv4 CIDR into its network and prefix length.</summary>
    public static bool TryParseCidr(string? text, out uint network, out int prefixLength)
    {
        network = 0;
        prefixLength = 0;
        if (!Cidr.TryParse(text, out var cidr) || cidr.Family != AddressFamily.InterNetwork || !text!.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        network = ToUInt(cidr.Network);
        prefixLength = cidr.PrefixLength;
        return true;
    }
}
