using System.Runtime.InteropServices;
using System.Text;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Tests.Netlink;

/// <summary>
/// A scripted kernel: records requests and answers each receive with the next scripted
/// datagram, built from the sequence number of the last request.
/// </summary>
internal sealed class FakeTransport : INetlinkTransport
{
    private readonly Queue<Func<uint, byte[]>> _replies = new();

    public List<byte[]> Sent { get; } = [];

    public uint LastSequence { get; private set; }

    public FakeTransport Reply(Func<uint, byte[]> datagram)
    {
        _replies.Enqueue(datagram);
        return this;
    }

    public void Send(ReadOnlySpan<byte> message)
    {
        Sent.Add(message.ToArray());
        LastSequence = MemoryMarshal.Read<uint>(message[8..]);
    }

    public int Receive(ref byte[] buffer)
    {
        var datagram = _replies.Count > 0
            ? _replies.Dequeue()(LastSequence)
            : throw new InvalidOperationException("the fake kernel has no scripted reply left");
        if (datagram.Length > buffer.Length)
        {
            buffer = new byte[datagram.Length];
        }

        datagram.CopyTo(buffer, 0);
        return datagram.Length;
    }

    public void Dispose()
    {
    }
}

/// <summary>Builds netlink datagrams for <see cref="FakeTransport"/>.</summary>
internal static class Datagram
{
    public static byte[] Message(ushort type, ushort flags, uint sequence, ReadOnlySpan<byte> payload)
    {
        var length = 16 + payload.Length;
        var bytes = new byte[(length + 3) & ~3];
        MemoryMarshal.Write(bytes, (uint)length);
        MemoryMarshal.Write(bytes.AsSpan(4), type);
        MemoryMarshal.Write(bytes.AsSpan(6), flags);
        MemoryMarshal.Write(bytes.AsSpan(8), sequence);
        payload.CopyTo(bytes.AsSpan(16));
        return bytes;
    }

    public static byte[] Done(uint sequence, ushort flags = 0x2) => Message(3, flags, sequence, new byte[4]);

    /// <summary>An NLMSG_ERROR ack (capped), with an extended-ack message when given.</summary>
    public static byte[] Ack(uint sequence, int errno, string? extAck = null)
    {
        var payload = new List<byte>();
        payload.AddRange(BitConverter.GetBytes(-errno));
        payload.AddRange(new byte[16]);
        ushort flags = 0x100;
        if (extAck is not null)
        {
            flags |= 0x200;
            var text = Encoding.UTF8.GetBytes(extAck + "\0");
            var attributeLength = 4 + text.Length;
            payload.AddRange(BitConverter.GetBytes((ushort)attributeLength));
            payload.AddRange(BitConverter.GetBytes((ushort)1));
            payload.AddRange(text);
            payload.AddRange(new byte[((attributeLength + 3) & ~3) - attributeLength]);
        }

        return Message(2, flags, sequence, payload.ToArray());
    }

    public static byte[] Concat(params byte[][] messages) => messages.SelectMany(message => message).ToArray();
}
