using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>
/// Writes one netlink request: the 16-byte header, a family header (ifinfomsg, rtmsg, ...)
/// and type-length-value attributes, each padded to 4 bytes. Integers are in host byte order
/// as netlink expects; addresses are written as their network-order bytes.
/// </summary>
internal sealed class MessageBuilder
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public MessageBuilder(ushort type, ushort flags)
    {
        Type = type;
        Flags = flags;
        _length = Nl.HeaderLength;
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    /// <summary>Flags the connection adds per exchange (NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP).</summary>
    public ushort ExtraFlags { get; set; }

    /// <summary>Appends raw bytes (a family header), padded to 4 bytes.</summary>
    public MessageBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        var span = Reserve(Nl.Align(bytes.Length));
        bytes.CopyTo(span);
        return this;
    }

    public MessageBuilder U8(ushort type, byte value) => Attribute(type, [value]);

    public MessageBuilder U16(ushort type, ushort value) =>
        Attribute(type, MemoryMarshal.AsBytes(new ReadOnlySpan<ushort>(in value)));

    public MessageBuilder U32(ushort type, uint value) =>
        Attribute(type, MemoryMarshal.AsBytes(new ReadOnlySpan<uint>(in value)));

    public MessageBuilder I32(ushort type, int value) =>
        Attribute(type, MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in value)));

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME, IFLA_INFO_KIND, ...).</summary>
    public MessageBuilder String(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Attribute(type, bytes);
    }

    public MessageBuilder Address(ushort type, IPAddress address) => Attribute(type, address.GetAddressBytes());

    public MessageBuilder Attribute(ushort type, ReadOnlySpan<byte> payload)
    {
        var total = Nl.AttributeHeaderLength + payload.Length;
        var span = Reserve(Nl.Align(total));
        MemoryMarshal.Write(span, (ushort)total);
        MemoryMarshal.Write(span[2..], type);
        payload.CopyTo(span[Nl.AttributeHeaderLength..]);
        return this;
    }

    /// <summary>Opens a nested attribute; close it with <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        var span = Reserve(Nl.AttributeHeaderLength);
        MemoryMarshal.Write(span[2..], type);
        return start;
    }

    public MessageBuilder EndNested(int start)
    {
        MemoryMarshal.Write(_buffer.AsSpan(start), (ushort)(_length - start));
        return this;
    }

    /// <summary>Stamps length, type, flags and sequence number and returns the finished message.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence)
    {
        var header = _buffer.AsSpan(0, Nl.HeaderLength);
        MemoryMarshal.Write(header, (uint)_length);
        MemoryMarshal.Write(header[4..], Type);
        MemoryMarshal.Write(header[6..], (ushort)(Flags | ExtraFlags));
        MemoryMarshal.Write(header[8..], sequence);
        MemoryMarshal.Write(header[12..], 0u);
        return _buffer.AsSpan(0, _length);
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        span.Clear();
        _length += count;
        return span;
    }
}
