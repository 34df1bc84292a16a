using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Text;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>Walks type-length-value attributes (struct rtattr / nlattr), 4-byte aligned.</summary>
internal ref struct AttributeReader
{
    private ReadOnlySpan<byte> _rest;

    public AttributeReader(ReadOnlySpan<byte> attributes) => _rest = attributes;

    public bool TryRead(out ushort type, out ReadOnlySpan<byte> payload)
    {
        type = 0;
        payload = default;
        if (_rest.Length < Nl.AttributeHeaderLength)
        {
            return false;
        }

        var length = MemoryMarshal.Read<ushort>(_rest);
        if (length < Nl.AttributeHeaderLength || length > _rest.Length)
        {
            return false;
        }

        type = (ushort)(MemoryMarshal.Read<ushort>(_rest[2..]) & Nl.AttrTypeMask);
        payload = _rest[Nl.AttributeHeaderLength..length];
        _rest = _rest[Math.Min(Nl.Align(length), _rest.Length)..];
        return true;
    }

    public static uint U32(ReadOnlySpan<byte> payload) => payload.Length >= 4 ? MemoryMarshal.Read<uint>(payload) : 0;

    public static int I32(ReadOnlySpan<byte> payload) => payload.Length >= 4 ? MemoryMarshal.Read<int>(payload) : 0;

    public static byte U8(ReadOnlySpan<byte> payload) => payload.Length >= 1 ? payload[0] : (byte)0;

    /// <summary>A NUL-terminated (or unterminated) string attribute.</summary>
    public static string String(ReadOnlySpan<byte> payload)
    {
        var end = payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? payload : payload[..end]);
    }

    public static IPAddress? Address(ReadOnlySpan<byte> payload) =>
        payload.Length is 4 or 16 ? new IPAddress(payload) : null;

    public static PhysicalAddress? Mac(ReadOnlySpan<byte> payload) =>
        payload.IsEmpty ? null : new PhysicalAddress(payload.ToArray());
}
