using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cloudnet.Ipam.Addressing;

/// <summary>
/// An IPv4 or IPv6 network in CIDR notation, always normalised (host bits cleared).
/// Arithmetic is done on <see cref="UInt128"/> so both families share one code path.
/// </summary>
public readonly record struct Cidr
{
    private readonly UInt128 _network;

    private Cidr(UInt128 network, int prefixLength, AddressFamily family)
    {
        _network = network;
        PrefixLength = prefixLength;
        Family = family;
    }

    /// <summary>Length of the network prefix in bits.</summary>
    public int PrefixLength { get; }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>.</summary>
    public AddressFamily Family { get; }

    /// <summary>32 for IPv4, 128 for IPv6.</summary>
    public int AddressBits => Family == AddressFamily.InterNetwork ? 32 : 128;

    /// <summary>The first address of the network.</summary>
    public IPAddress Network => ToAddress(_network, Family);

    /// <summary>Number of addresses in the network (2^(bits - prefix)).</summary>
    public UInt128 Size => AddressBits - PrefixLength >= 128 ? UInt128.MaxValue : UInt128.One << (AddressBits - PrefixLength);

    /// <summary>The last address of the network.</summary>
    public IPAddress Last => ToAddress(_network + Size - 1, Family);

    /// <summary>Creates the network of <paramref name="address"/> with the given prefix length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The prefix length does not fit the family.</exception>
    public static Cidr Create(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        var family = address.AddressFamily;
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bits);
        var value = ToValue(address);
        var hostBits = bits - prefixLength;
        var mask = hostBits >= 128 ? UInt128.Zero : ~((UInt128.One << hostBits) - 1);
        if (family == AddressFamily.InterNetwork)
        {
            mask &= uint.MaxValue;
        }

        return new Cidr(value & mask, prefixLength, family);
    }

    /// <summary>Parses "10.0.0.0/16" or "fd00::/64". A bare address is a host network (/32, /128).</summary>
    /// <exception cref="FormatException">The text is not a CIDR.</exception>
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not a CIDR (expected e.g. 10.0.0.0/16)");

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Cidr cidr)
    {
        cidr = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var slash = span.IndexOf('/');
        var addressPart = slash < 0 ? span : span[..slash];
        // IPAddress.TryParse accepts inet_aton shorthands ("10.1" = 10.0.0.1); a CIDR must not.
        var isV4Text = addressPart.IndexOf(':') < 0;
        if (isV4Text && addressPart.Count('.') != 3)
        {
            return false;
        }

        if (!IPAddress.TryParse(addressPart, out var address)
            || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0))
        {
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(span[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }

        cidr = Create(address, prefix);
        return true;
    }

    /// <summary>True when <paramref name="address"/> lies inside this network.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != Family)
        {
            return false;
        }

        var value = ToValue(address);
        return value >= _network && value - _network < Size;
    }

    /// <summary>True when <paramref name="other"/> lies entirely inside this network.</summary>
    public bool Contains(Cidr other) =>
        other.Family == Family && other.PrefixLength >= PrefixLength && Contains(other.Network);

    /// <summary>True when the two networks share at least one address.</summary>
    public bool Overlaps(Cidr other) => Contains(other.Network) || other.Contains(Network);

    /// <summary>The address at <paramref name="offset"/> from the start of the network.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is outside the network.</exception>
    public IPAddress AddressAt(UInt128 offset)
    {
        if (offset >= Size)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"offset {offset} is outside {this}");
        }

        return ToAddress(_network + offset, Family);
    }

    /// <summary>Offset of <paramref name="address"/> from the start of the network.</summary>
    /// <exception cref="ArgumentException">The address is outside the network.</exception>
    public UInt128 OffsetOf(IPAddress address) =>
        Contains(address) ? ToValue(address) - _network : throw new ArgumentException($"{address} is outside {this}", nameof(address));

    /// <summary>Splits the network into subnets of <paramref name="prefixLength"/>, in address order.</summary>
    public IEnumerable<Cidr> Subdivide(int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(prefixLength, PrefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, AddressBits);
        var step = UInt128.One << (AddressBits - prefixLength);
        var count = UInt128.One << (prefixLength - PrefixLength);
        for (UInt128 i = 0; i < count; i++)
        {
            yield return new Cidr(_network + (i * step), prefixLength, Family);
        }
    }

    /// <summary>Canonical text, e.g. "10.0.0.0/16".</summary>
    public override string ToString() => $"{Network}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The address as a 128-bit number (IPv4 in the low 32 bits).</summary>
    public static UInt128 ToValue(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The address whose 128-bit number is <paramref name="value"/>.</summary>
    public static IPAddress ToAddress(UInt128 value, AddressFamily family)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
