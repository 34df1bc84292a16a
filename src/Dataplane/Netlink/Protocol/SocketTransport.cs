using System.Runtime.InteropServices;
using Cloudnet.Dataplane.Interop;

namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>
/// An AF_NETLINK socket (NETLINK_ROUTE unless another family is asked for) through libc. The socket belongs to the network
/// namespace of the thread that created it, for its whole life.
/// </summary>
internal sealed class SocketTransport : INetlinkTransport
{
    private const int ReceiveBufferBytes = 1 << 20;
    private readonly SafeFd _fd;

    private SocketTransport(SafeFd fd) => _fd = fd;

    /// <summary>Opens and binds a socket in the calling thread's namespace.</summary>
    /// <param name="receiveTimeout">How long a receive waits for the kernel before failing with EAGAIN.</param>
    public static SocketTransport Open(TimeSpan receiveTimeout) => Open(receiveTimeout, Libc.NetlinkRoute, "NETLINK_ROUTE");

    /// <summary>Opens and binds a socket of another netlink family (e.g. NETLINK_NETFILTER) in the calling thread's namespace.</summary>
    /// <param name="receiveTimeout">How long a receive waits for the kernel before failing with EAGAIN.</param>
    /// <param name="protocol">The NETLINK_* protocol number.</param>
    /// <param name="protocolName">Its name, for error messages.</param>
    /// <exception cref="NetlinkException">socket(2) failed, e.g. EPROTONOSUPPORT when the kernel lacks the family.</exception>
    public static SocketTransport Open(TimeSpan receiveTimeout, int protocol, string protocolName)
    {
        var raw = Libc.Socket(Libc.AfNetlink, Libc.SockRaw | Libc.SockCloexec, protocol);
        if (raw < 0)
        {
            throw new NetlinkException($"socket(AF_NETLINK, {protocolName})", Libc.LastErrno);
        }

        var fd = new SafeFd(raw);
        try
        {
            Configure(fd, receiveTimeout);
            Bind(fd);
            return new SocketTransport(fd);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    public unsafe void Send(ReadOnlySpan<byte> message)
    {
        fixed (byte* pointer = message)
        {
            while (true)
            {
                var sent = Libc.Send(_fd, pointer, message.Length, 0);
                if (sent >= 0)
                {
                    return;
                }

                var errno = Libc.LastErrno;
                if (errno != Libc.EIntr)
                {
                    throw new NetlinkException("send on netlink socket", errno);
                }
            }
        }
    }

    public unsafe int Receive(ref byte[] buffer)
    {
        // Peek with MSG_TRUNC first: it reports the datagram's real size, so a reply larger than
        // the buffer (a link with many VFs) grows the buffer instead of being cut short.
        var size = ReceiveCore(buffer, Libc.MsgTrunc | Libc.MsgPeek);
        if (size > buffer.Length)
        {
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
        }

        return ReceiveCore(buffer, 0);
    }

    public unsafe bool SetStrictChecking(bool on)
    {
        var value = on ? 1 : 0;
        return Libc.SetSockOpt(_fd, Libc.SolNetlink, Libc.NetlinkGetStrictChk, &value, sizeof(int)) == 0;
    }

    public void Dispose() => _fd.Dispose();

    private unsafe int ReceiveCore(byte[] buffer, int flags)
    {
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                var received = Libc.Recv(_fd, pointer, buffer.Length, flags);
                if (received >= 0)
                {
                    return (int)received;
                }

                var errno = Libc.LastErrno;
                if (errno != Libc.EIntr)
                {
                    throw new NetlinkException("recv on netlink socket", errno,
                        errno == Errno.EAGAIN ? "no reply from the kernel before the receive timeout" : null);
                }
            }
        }
    }

    private static unsafe void Configure(SafeFd fd, TimeSpan receiveTimeout)
    {
        var one = 1;
        // Extended acks carry the kernel's text ("Nexthop device is not up"); capped acks do not
        // echo our whole request back in every error.
        SetOption(fd, Libc.SolNetlink, Libc.NetlinkExtAck, &one, sizeof(int), optional: true);
        SetOption(fd, Libc.SolNetlink, Libc.NetlinkCapAck, &one, sizeof(int), optional: true);
        var bufferBytes = ReceiveBufferBytes;
        SetOption(fd, Libc.SolSocket, Libc.SoRcvBuf, &bufferBytes, sizeof(int), optional: true);
        var timeval = stackalloc long[2];
        timeval[0] = (long)receiveTimeout.TotalSeconds;
        timeval[1] = receiveTimeout.Milliseconds * 1000L;
        SetOption(fd, Libc.SolSocket, Libc.SoRcvTimeo, timeval, 2 * sizeof(long), optional: false);
    }

    private static unsafe void SetOption(SafeFd fd, int level, int name, void* value, int length, bool optional)
    {
        if (Libc.SetSockOpt(fd, level, name, value, length) != 0 && !optional)
        {
            throw new NetlinkException($"setsockopt({level}, {name}) on netlink socket", Libc.LastErrno);
        }
    }

    private static unsafe void Bind(SafeFd fd)
    {
        // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }
        // nl_pid 0: the kernel assigns a unique port id.
        Span<byte> address = stackalloc byte[12];
        address.Clear();
        MemoryMarshal.Write(address, (ushort)Libc.AfNetlink);
        fixed (byte* pointer = address)
        {
            if (Libc.Bind(fd, pointer, address.Length) != 0)
            {
                throw new NetlinkException("bind on netlink socket", Libc.LastErrno);
            }
        }
    }
}
