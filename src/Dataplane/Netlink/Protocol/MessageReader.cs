using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>One netlink message inside a received datagram.</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ushort type, ushort flags, uint sequence, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Flags = flags;
        Sequence = sequence;
        Payload = payload;
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    public uint Sequence { get; }

    /// <summary>Everything after the 16-byte header.</summary>
    public ReadOnlySpan<byte> Payload { get; }
}

/// <summary>Walks the messages of one datagram (NLMSG_NEXT), stopping at a truncated one.</summary>
internal ref struct MessageReader
{
    private ReadOnlySpan<byte> _rest;

    public MessageReader(ReadOnlySpan<byte> datagram) => _rest = datagram;

    public bool TryRead(out NetlinkMessage message)
    {
        message = default;
        if (_rest.Length < Nl.HeaderLength)
        {
            return false;
        }

        var length = MemoryMarshal.Read<uint>(_rest);
        if (length < Nl.HeaderLength || length > _rest.Length)
        {
            throw new NetlinkException($"malformed netlink reply: message length {length} with {_rest.Length} bytes left");
        }

        message = new NetlinkMessage(
            MemoryMarshal.Read<ushort>(_rest[4..]),
            MemoryMarshal.Read<ushort>(_rest[6..]),
            MemoryMarshal.Read<uint>(_rest[8..]),
            _rest[Nl.HeaderLength..(int)length]);
        _rest = _rest[Math.Min(Nl.Align((int)length), _rest.Length)..];
        return true;
    }
}
