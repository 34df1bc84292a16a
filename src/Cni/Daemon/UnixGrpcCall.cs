using System.Buffers.Binary;
using System.Globalization;
using Grpc.Core;

namespace Cloudnet.Cni.Daemon;

/// <summary>
/// One unary gRPC call over HTTP/2 cleartext on a Unix socket, done synchronously on the calling
/// thread. The CNI binary makes exactly one call per run: a full HttpClient/HTTP/2 stack costs
/// milliseconds of start-up and several thread hand-offs (each a scheduling delay on a busy node),
/// and this path has none. Failures are <see cref="RpcException"/>s with the codes Grpc.Net.Client
/// would give: Unavailable when the socket cannot be reached, DeadlineExceeded on timeout.
/// </summary>
internal static class UnixGrpcCall
{
    private const byte Data = 0, Headers = 1, RstStream = 3, Settings = 4, Ping = 6, GoAway = 7, Continuation = 9;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4, Padded = 0x8, Priority = 0x20;
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>Calls <paramref name="method"/> ("/package.Service/Method") and returns the reply message bytes.</summary>
    public static byte[] Invoke(string socketPath, string method, ReadOnlySpan<byte> request, TimeSpan timeout)
    {
        using var call = Begin(socketPath, method, request, timeout);
        return call.Finish();
    }

    /// <summary>Connects and sends the request; <see cref="Pending.Finish"/> reads the reply.</summary>
    public static Pending Begin(string socketPath, string method, ReadOnlySpan<byte> request, TimeSpan timeout)
    {
        var socket = Connect(socketPath, timeout);
        try
        {
            socket.Send(BuildRequest(method, request, timeout));
            return new Pending(socket, socketPath, timeout);
        }
        catch (UnixStreamException ex)
        {
            socket.Dispose();
            throw Failure(ex, socketPath, timeout);
        }
    }

    /// <summary>A sent request: the connection, waiting for the reply.</summary>
    internal sealed class Pending(UnixStream socket, string socketPath, TimeSpan timeout) : IDisposable
    {
        /// <summary>Reads the reply message bytes and closes the connection.</summary>
        public byte[] Finish()
        {
            try
            {
                return ReadResponse(socket);
            }
            catch (UnixStreamException ex)
            {
                throw Failure(ex, socketPath, timeout);
            }
            catch (FormatException ex)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"cannot read the daemon's reply headers: {ex.Message}", ex));
            }
            finally
            {
                socket.Dispose();
            }
        }

        /// <inheritdoc />
        public void Dispose() => socket.Dispose();
    }

    private static RpcException Failure(UnixStreamException ex, string socketPath, TimeSpan timeout) =>
        ex.TimedOut
            ? new RpcException(new Status(StatusCode.DeadlineExceeded, $"no answer from {socketPath} within {timeout.TotalSeconds:0.###} s", ex))
            : new RpcException(new Status(StatusCode.Unavailable, $"connection to {socketPath} failed: {ex.Message}", ex));

    private static UnixStream Connect(string socketPath, TimeSpan timeout)
    {
        try
        {
            return UnixStream.Connect(socketPath, timeout);
        }
        catch (UnixStreamException ex)
        {
            // A missing socket file surfaces as ENOENT; say what it means.
            var why = File.Exists(socketPath) ? ex.Message : "no such socket file";
            throw new RpcException(new Status(StatusCode.Unavailable, $"cannot connect to cloudnet-ipamd at {socketPath}: {why}", ex));
        }
    }

    private static byte[] BuildRequest(string method, ReadOnlySpan<byte> message, TimeSpan timeout)
    {
        var output = new List<byte>(256 + message.Length);
        output.AddRange(Preface);
        // SETTINGS: HEADER_TABLE_SIZE 0 (the server then sends plain literals) and ENABLE_PUSH 0.
        WriteFrameHeader(output, 12, Settings, 0, 0);
        output.AddRange([0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0]);
        var block = new List<byte>();
        var ms = (long)Math.Clamp(timeout.TotalMilliseconds, 1, 99_999_999);
        Hpack.EncodeRequest(block,
        [
            (4, ":path", method),
            (1, ":authority", "localhost"),
            (31, "content-type", "application/grpc"),
            (0, "te", "trailers"),
            (0, "grpc-timeout", ms.ToString(CultureInfo.InvariantCulture) + "m"),
        ]);
        WriteFrameHeader(output, block.Count, Headers, EndHeaders, 1);
        output.AddRange(block);
        WriteFrameHeader(output, 5 + message.Length, Data, EndStream, 1);
        output.Add(0); // not compressed
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, message.Length);
        output.AddRange(length);
        output.AddRange(message);
        return [.. output];
    }

    private static byte[] ReadResponse(UnixStream socket)
    {
        var body = new List<byte>();
        var headerBlock = new List<byte>();
        var ended = false;
        var blockEndsStream = false;
        var header = new byte[9];
        while (!ended)
        {
            ReadExactly(socket, header);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var (type, flags) = (header[3], header[4]);
            var stream = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & 0x7FFF_FFFF;
            var payload = new byte[length];
            ReadExactly(socket, payload);
            switch (type)
            {
                case Settings when (flags & Ack) == 0:
                    socket.Send(new byte[] { 0, 0, 0, Settings, Ack, 0, 0, 0, 0 });
                    break;
                case Ping when (flags & Ack) == 0:
                    var pong = new byte[9 + 8];
                    pong[2] = 8;
                    pong[3] = Ping;
                    pong[4] = Ack;
                    payload.CopyTo(pong, 9);
                    socket.Send(pong);
                    break;
                case Data when stream == 1:
                    body.AddRange(Unpad(payload, flags));
                    ended = (flags & EndStream) != 0;
                    break;
                case Headers or Continuation when stream == 1:
                    if (type == Headers)
                    {
                        headerBlock.Clear();
                        headerBlock.AddRange(HeaderFragment(payload, flags));
                        blockEndsStream = (flags & EndStream) != 0;
                    }
                    else
                    {
                        headerBlock.AddRange(payload);
                    }

                    if ((flags & EndHeaders) != 0)
                    {
                        // Response headers are only checked for :status; the block that ends the stream carries grpc-status.
                        ended = blockEndsStream ? Trailers(headerBlock) : CheckHttpStatus(headerBlock);
                    }

                    break;
                case RstStream when stream == 1:
                    throw new RpcException(new Status(StatusCode.Unavailable, $"daemon reset the stream (HTTP/2 error {BinaryPrimitives.ReadUInt32BigEndian(payload)})"));
                case GoAway:
                    throw new RpcException(new Status(StatusCode.Unavailable, "daemon closed the connection (GOAWAY)"));
                default:
                    break;
            }
        }

        return Message(body);
    }

    /// <summary>Handles the trailers (or a trailers-only reply): true for OK, else throws the call's status.</summary>
    private static bool Trailers(List<byte> block)
    {
        string? status = null, message = null;
        foreach (var (name, value) in Hpack.Decode(block.ToArray()))
        {
            switch (name)
            {
                case "grpc-status": status = value; break;
                case "grpc-message": message = Uri.UnescapeDataString(value); break;
                case ":status" when value != "200":
                    throw new RpcException(new Status(StatusCode.Unavailable, $"daemon answered HTTP {value}"));
                default: break;
            }
        }

        if (status is null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "daemon reply ended without grpc-status"));
        }

        var code = (StatusCode)int.Parse(status, CultureInfo.InvariantCulture);
        return code == StatusCode.OK ? true : throw new RpcException(new Status(code, message ?? string.Empty));
    }

    private static bool CheckHttpStatus(List<byte> block)
    {
        foreach (var (name, value) in Hpack.Decode(block.ToArray()))
        {
            if (name == ":status" && value != "200")
            {
                throw new RpcException(new Status(StatusCode.Unavailable, $"daemon answered HTTP {value}"));
            }
        }

        return false;
    }

    private static byte[] Message(List<byte> body)
    {
        if (body.Count < 5 || body[0] != 0)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"daemon reply is not one uncompressed gRPC message ({body.Count} bytes)"));
        }

        var length = BinaryPrimitives.ReadInt32BigEndian([body[1], body[2], body[3], body[4]]);
        return length == body.Count - 5
            ? body.GetRange(5, length).ToArray()
            : throw new RpcException(new Status(StatusCode.Internal, $"daemon reply length {length} does not match {body.Count - 5} bytes"));
    }

    private static ReadOnlySpan<byte> Unpad(byte[] payload, byte flags) =>
        (flags & Padded) == 0 ? payload : payload.AsSpan(1, payload.Length - 1 - payload[0]);

    private static ReadOnlySpan<byte> HeaderFragment(byte[] payload, byte flags)
    {
        var start = 0;
        var end = payload.Length;
        if ((flags & Padded) != 0)
        {
            end -= payload[0];
            start = 1;
        }

        if ((flags & Priority) != 0)
        {
            start += 5;
        }

        return payload.AsSpan(start, end - start);
    }

    private static void WriteFrameHeader(List<byte> output, int length, byte type, byte flags, int stream)
    {
        output.AddRange([(byte)(length >> 16), (byte)(length >> 8), (byte)length, type, flags]);
        Span<byte> id = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(id, stream);
        output.AddRange(id);
    }

    private static void ReadExactly(UnixStream socket, Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = socket.Receive(buffer);
            if (n == 0)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "daemon closed the connection mid-reply"));
            }

            buffer = buffer[n..];
        }
    }
}
