using System.Runtime.InteropServices;
using System.Text;

namespace Cloudnet.Cni.Daemon;

/// <summary>
/// A blocking AF_UNIX stream socket over plain libc calls. System.Net.Sockets would do, but its
/// first use starts the epoll event thread (the creating thread spins until it runs) and probes
/// IPv4/IPv6 support with two extra sockets: a thread start and a scheduling round trip on every
/// CNI run, for a binary that only ever makes one blocking call. Deadlines are SO_SNDTIMEO and
/// SO_RCVTIMEO; an expired one is <see cref="UnixStreamException.TimedOut"/>.
/// </summary>
internal sealed partial class UnixStream : IDisposable
{
    private const int AfUnix = 1, SockStream = 1, SockCloexec = 0x80000;
    private const int SolSocket = 1, SoRcvTimeo = 20, SoSndTimeo = 21;
    private const int MsgNoSignal = 0x4000;
    private const int EIntr = 4, EAgain = 11;

    /// <summary>sizeof(struct sockaddr_un): a 2-byte family and a 108-byte path.</summary>
    private const int SockaddrUnSize = 110;

    private int _fd;

    private UnixStream(int fd) => _fd = fd;

    /// <summary>Connects to the socket file at <paramref name="path"/>, with <paramref name="timeout"/> on every send and receive.</summary>
    /// <exception cref="UnixStreamException">socket, setsockopt or connect failed (the errno says why).</exception>
    public static unsafe UnixStream Connect(string path, TimeSpan timeout)
    {
        var pathBytes = Encoding.UTF8.GetBytes(path);
        if (pathBytes.Length >= SockaddrUnSize - 2)
        {
            throw new UnixStreamException("connect", path, 36 /* ENAMETOOLONG */);
        }

        var fd = Socket(AfUnix, SockStream | SockCloexec, 0);
        if (fd < 0)
        {
            throw new UnixStreamException("socket", path, Marshal.GetLastPInvokeError());
        }

        var stream = new UnixStream(fd);
        try
        {
            var micros = (long)Math.Clamp(timeout.TotalMicroseconds, 1, long.MaxValue / 2);
            var tv = stackalloc long[2] { micros / 1_000_000, micros % 1_000_000 };
            Check(SetSockOpt(fd, SolSocket, SoSndTimeo, tv, 16), "setsockopt SO_SNDTIMEO", path);
            Check(SetSockOpt(fd, SolSocket, SoRcvTimeo, tv, 16), "setsockopt SO_RCVTIMEO", path);
            var address = stackalloc byte[SockaddrUnSize];
            new Span<byte>(address, SockaddrUnSize).Clear();
            *(ushort*)address = AfUnix;
            pathBytes.CopyTo(new Span<byte>(address + 2, pathBytes.Length));
            int result;
            do
            {
                result = ConnectNative(fd, address, 2 + pathBytes.Length + 1);
            }
            while (result < 0 && Marshal.GetLastPInvokeError() == EIntr);

            Check(result, "connect", path);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Sends all of <paramref name="data"/>.</summary>
    /// <exception cref="UnixStreamException">The peer is gone, or the send timed out.</exception>
    public unsafe void Send(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var sent = 0;
            while (sent < data.Length)
            {
                var n = SendNative(_fd, start + sent, data.Length - sent, MsgNoSignal);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EIntr)
                    {
                        continue;
                    }

                    throw new UnixStreamException("send", null, errno);
                }

                sent += (int)n;
            }
        }
    }

    /// <summary>Receives up to <paramref name="buffer"/>.Length bytes; 0 means the peer closed the connection.</summary>
    /// <exception cref="UnixStreamException">The receive failed or timed out.</exception>
    public unsafe int Receive(Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var n = RecvNative(_fd, start, buffer.Length, 0);
                if (n >= 0)
                {
                    return (int)n;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != EIntr)
                {
                    throw new UnixStreamException("recv", null, errno);
                }
            }
        }
    }

    /// <summary>Closes the socket. Safe to call twice.</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Close(fd);
        }
    }

    private static void Check(int result, string operation, string path)
    {
        if (result < 0)
        {
            throw new UnixStreamException(operation, path, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>EAGAIN from a socket with SO_RCVTIMEO/SO_SNDTIMEO: the deadline passed.</summary>
    internal static bool IsTimeout(int errno) => errno == EAgain;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static unsafe partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static unsafe partial int ConnectNative(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static unsafe partial nint SendNative(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static unsafe partial nint RecvNative(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
