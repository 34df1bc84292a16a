using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>
/// <see cref="INetlink"/> over an AF_NETLINK socket. The socket is bound to the namespace of
/// the thread that opened it: <see cref="Open"/> uses the caller's (the process's) namespace;
/// <see cref="Namespaces.NetworkNamespace.OpenNetlink"/> opens one inside another namespace.
/// Thread-safe: requests on one socket are serialised.
/// </summary>
public sealed partial class NetlinkSocket : INetlink
{
    /// <summary>Default wait for a kernel reply before failing with EAGAIN: 10 seconds.</summary>
    public static readonly TimeSpan DefaultReceiveTimeout = TimeSpan.FromSeconds(10);

    private readonly NetlinkConnection _connection;

    internal NetlinkSocket(NetlinkConnection connection) => _connection = connection;

    /// <summary>Dumps restarted because the kernel reported them interrupted (NLM_F_DUMP_INTR).</summary>
    public int InterruptedDumps => _connection.InterruptedDumps;

    /// <summary>Opens a socket in the calling thread's namespace (for cloudnet: the process's own).</summary>
    /// <param name="receiveTimeout">How long to wait for a kernel reply; default <see cref="DefaultReceiveTimeout"/>.</param>
    public static NetlinkSocket Open(TimeSpan? receiveTimeout = null) =>
        new(new NetlinkConnection(SocketTransport.Open(receiveTimeout ?? DefaultReceiveTimeout)));

    /// <summary>Closes the socket (which releases its hold on the namespace).</summary>
    public void Dispose() => _connection.Dispose();
}
