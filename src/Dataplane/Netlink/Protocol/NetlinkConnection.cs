using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>Receives one dump reply's payload (everything after nlmsghdr); valid only during the call.</summary>
internal delegate void PayloadVisitor(ReadOnlySpan<byte> payload);

/// <summary>
/// Request/acknowledge and dump exchanges over one transport, with sequence numbers. Replies
/// with another sequence number (left over from an earlier, failed exchange) are skipped.
/// Serialised by a lock, so one connection may be shared by threads.
/// </summary>
internal sealed class NetlinkConnection : IDisposable
{
    /// <summary>How often an interrupted dump is restarted before giving up with EINTR.</summary>
    public const int MaxDumpAttempts = 10;

    private readonly INetlinkTransport _transport;
    private readonly Lock _gate = new();
    private byte[] _buffer = new byte[64 * 1024];
    private uint _sequence;

    public NetlinkConnection(INetlinkTransport transport) => _transport = transport;

    /// <summary>Dumps restarted because the kernel flagged them NLM_F_DUMP_INTR.</summary>
    public int InterruptedDumps { get; private set; }

    /// <summary>Sends <paramref name="request"/> with NLM_F_ACK; throws if the kernel refuses it.</summary>
    public void Execute(MessageBuilder request, string operation)
    {
        var errno = TryExecute(request, operation, out var kernelMessage);
        if (errno != 0)
        {
            throw new NetlinkException(operation, errno, kernelMessage);
        }
    }

    /// <summary>Like <see cref="Execute"/>, but the listed errnos mean "already gone".</summary>
    public DeleteOutcome ExecuteDelete(MessageBuilder request, string operation, params ReadOnlySpan<int> goneErrnos)
    {
        var errno = TryExecute(request, operation, out var kernelMessage);
        if (errno == 0)
        {
            return DeleteOutcome.Deleted;
        }

        return goneErrnos.Contains(errno) ? DeleteOutcome.AlreadyGone : throw new NetlinkException(operation, errno, kernelMessage);
    }

    /// <summary>Sends a request with NLM_F_ACK and returns 0 or the positive errno of the refusal.</summary>
    public int TryExecute(MessageBuilder request, string operation, out string? kernelMessage)
    {
        lock (_gate)
        {
            var sequence = Send(request, Nl.FAck);
            while (true)
            {
                var length = _transport.Receive(ref _buffer);
                var reader = new MessageReader(_buffer.AsSpan(0, length));
                while (reader.TryRead(out var message))
                {
                    if (message.Sequence != sequence)
                    {
                        continue;
                    }

                    if (message.Type == Nl.MsgError)
                    {
                        return ParseError(message, out kernelMessage);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Sends a GET for one object and returns the payload of its reply, or null when the kernel
    /// answers with <paramref name="notFoundErrno"/>.
    /// </summary>
    public byte[]? Get(MessageBuilder request, string operation, int notFoundErrno)
    {
        lock (_gate)
        {
            var sequence = Send(request, 0);
            while (true)
            {
                var length = _transport.Receive(ref _buffer);
                var reader = new MessageReader(_buffer.AsSpan(0, length));
                while (reader.TryRead(out var message))
                {
                    if (message.Sequence != sequence)
                    {
                        continue;
                    }

                    if (message.Type != Nl.MsgError)
                    {
                        return message.Payload.ToArray();
                    }

                    var errno = ParseError(message, out var kernelMessage);
                    if (errno == notFoundErrno)
                    {
                        return null;
                    }

                    throw new NetlinkException(operation, errno == 0 ? Interop.Errno.EINVAL : errno, kernelMessage);
                }
            }
        }
    }

    /// <summary>
    /// Runs a dump (NLM_F_DUMP) and returns the payload of every reply. When the kernel flags the
    /// dump as interrupted (its table changed while we read it), the whole dump is repeated so
    /// callers never see a torn listing; after <see cref="MaxDumpAttempts"/> it fails with EINTR.
    /// </summary>
    public List<byte[]> Dump(MessageBuilder request, string operation)
    {
        lock (_gate)
        {
            for (var attempt = 1; ; attempt++)
            {
                var (replies, interrupted) = DumpOnce(request, operation);
                if (!interrupted)
                {
                    return replies;
                }

                InterruptedDumps++;
                if (attempt >= MaxDumpAttempts)
                {
                    throw new NetlinkException(operation, Interop.Errno.EINTR,
                        $"dump still interrupted after {MaxDumpAttempts} attempts");
                }
            }
        }
    }

    /// <summary>
    /// Runs a dump whose request carries kernel-side filters, with strict checking on for its
    /// duration. Without kernel support the filters are ignored and the full dump comes back, so
    /// callers filter the result themselves as well.
    /// </summary>
    public List<byte[]> FilteredDump(MessageBuilder request, string operation)
    {
        var strict = _transport.SetStrictChecking(true);
        try
        {
            return Dump(request, operation);
        }
        finally
        {
            if (strict)
            {
                _transport.SetStrictChecking(false);
            }
        }
    }

    /// <summary>
    /// Runs a dump once and hands every reply payload to <paramref name="visitor"/> as it arrives,
    /// without keeping it: for tables too large to hold (conntrack). The payload is valid only
    /// during the call. Returns true when the kernel flagged the dump interrupted (its table
    /// changed while we read it); the caller decides whether to repeat it.
    /// </summary>
    public bool DumpEach(MessageBuilder request, string operation, PayloadVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        lock (_gate)
        {
            return DumpOnce(request, operation, visitor);
        }
    }

    public void Dispose() => _transport.Dispose();

    private (List<byte[]> Replies, bool Interrupted) DumpOnce(MessageBuilder request, string operation)
    {
        var replies = new List<byte[]>();
        var interrupted = DumpOnce(request, operation, payload => replies.Add(payload.ToArray()));
        return (replies, interrupted);
    }

    private bool DumpOnce(MessageBuilder request, string operation, PayloadVisitor visitor)
    {
        var sequence = Send(request, Nl.FDump);
        var interrupted = false;
        while (true)
        {
            var length = _transport.Receive(ref _buffer);
            var reader = new MessageReader(_buffer.AsSpan(0, length));
            while (reader.TryRead(out var message))
            {
                if (message.Sequence != sequence)
                {
                    continue;
                }

                interrupted |= (message.Flags & Nl.FDumpIntr) != 0;
                switch (message.Type)
                {
                    case Nl.MsgDone:
                        // NLMSG_DONE carries an int: a negative errno when the dump itself failed.
                        var status = message.Payload.Length >= 4 ? MemoryMarshal.Read<int>(message.Payload) : 0;
                        return status < 0 ? throw new NetlinkException(operation, -status) : interrupted;
                    case Nl.MsgError:
                        var errno = ParseError(message, out var kernelMessage);
                        if (errno != 0)
                        {
                            throw new NetlinkException(operation, errno, kernelMessage);
                        }

                        return interrupted;
                    case Nl.MsgNoop:
                        continue;
                    case Nl.MsgOverrun:
                        throw new NetlinkException(operation, Interop.Errno.ENOBUFS, "netlink overrun");
                    default:
                        visitor(message.Payload);
                        break;
                }
            }
        }
    }

    private uint Send(MessageBuilder request, ushort extraFlags)
    {
        var sequence = unchecked(++_sequence);
        if (sequence == 0)
        {
            sequence = ++_sequence;
        }

        request.ExtraFlags = (ushort)(Nl.FRequest | extraFlags);
        _transport.Send(request.Finish(sequence));
        return sequence;
    }

    /// <summary>Reads struct nlmsgerr and, when the kernel attached one, its extended-ack text.</summary>
    private static int ParseError(NetlinkMessage message, out string? kernelMessage)
    {
        kernelMessage = null;
        var payload = message.Payload;
        if (payload.Length < 4)
        {
            throw new NetlinkException("malformed NLMSG_ERROR reply");
        }

        var errno = -MemoryMarshal.Read<int>(payload);
        if ((message.Flags & Nl.FAckTlvs) == 0 || payload.Length < 4 + Nl.HeaderLength)
        {
            return errno;
        }

        // After the error code comes the header of our request and, unless the ack is capped,
        // its whole payload; the extended-ack attributes follow.
        var offset = 4 + Nl.HeaderLength;
        if ((message.Flags & Nl.FCapped) == 0)
        {
            offset = 4 + Nl.Align((int)MemoryMarshal.Read<uint>(payload[4..]));
        }

        var attributes = new AttributeReader(offset < payload.Length ? payload[offset..] : default);
        while (attributes.TryRead(out var type, out var value))
        {
            if (type == Nl.ErrAttrMsg)
            {
                kernelMessage = AttributeReader.String(value);
            }
        }

        return errno;
    }
}
