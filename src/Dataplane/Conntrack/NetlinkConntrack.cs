using System.Net;
using Cloudnet.Dataplane.Conntrack.Protocol;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Conntrack;

/// <summary>
/// <see cref="IConntrack"/> over ctnetlink: an AF_NETLINK / NETLINK_NETFILTER socket, bound to
/// the network namespace of the thread that opened it (<see cref="Open"/>: the caller's; inside
/// another namespace, open it through <see cref="Namespaces.NetworkNamespace.Run{T}(Func{T})"/>).
/// Thread-safe: requests on the socket are serialised. Needs CAP_NET_ADMIN in the namespace.
/// </summary>
/// <remarks>
/// A flush is what <c>conntrack -D</c> does: one dump of the table (both families), matched here,
/// then one IPCTNL_MSG_CT_DELETE per matching entry naming its original tuple, zone and id. The
/// kernel's own dump filter (CTA_FILTER, Linux 5.8+) is not used: it ANDs the fields it is given,
/// so "the address anywhere in either tuple" would take four dumps per family instead of one.
/// </remarks>
public sealed partial class NetlinkConntrack : IConntrack, IDisposable
{
    /// <summary>EPROTONOSUPPORT: socket(2) for a netlink family the kernel does not have.</summary>
    private const int EProtoNoSupport = 93;

    private readonly NetlinkConnection? _connection;

    internal NetlinkConntrack(NetlinkConnection connection) => _connection = connection;

    private NetlinkConntrack(string unavailableReason) => UnavailableReason = unavailableReason;

    /// <summary>
    /// Why this namespace has no conntrack table to flush, when the kernel said so on the last
    /// call or at open (no nfnetlink, no ctnetlink); null while it is available.
    /// </summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>
    /// Opens the conntrack table of the calling thread's namespace. A kernel without nfnetlink
    /// gives an instance whose calls report <see cref="UnavailableReason"/> instead of failing.
    /// </summary>
    /// <param name="receiveTimeout">How long to wait for a kernel reply; default <see cref="NetlinkSocket.DefaultReceiveTimeout"/>.</param>
    /// <exception cref="NetlinkException">The socket could not be opened for another reason.</exception>
    public static NetlinkConntrack Open(TimeSpan? receiveTimeout = null)
    {
        try
        {
            var transport = SocketTransport.Open(receiveTimeout ?? NetlinkSocket.DefaultReceiveTimeout, Nfnetlink.Protocol, "NETLINK_NETFILTER");
            return new NetlinkConntrack(new NetlinkConnection(transport));
        }
        catch (NetlinkException ex) when (ex.Errno == EProtoNoSupport)
        {
            return new NetlinkConntrack("the kernel has no NETLINK_NETFILTER (nfnetlink) socket family, so there is no conntrack table to flush");
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ConntrackEntry> List()
    {
        var entries = new List<ConntrackEntry>();
        Dump("IPCTNL_MSG_CT_GET dump", payload =>
        {
            if (RawEntry.TryParse(payload, out var entry))
            {
                entries.Add(entry.ToEntry());
            }
        });
        return entries;
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _connection?.Dispose();

    /// <summary>
    /// Dumps the whole table (AF_UNSPEC: IPv4 and IPv6) into <paramref name="visitor"/>. Available
    /// is false when the kernel has no ctnetlink (<see cref="UnavailableReason"/> says why);
    /// Interrupted is true when the kernel flagged the dump as torn.
    /// </summary>
    private (bool Available, bool Interrupted) Dump(string operation, PayloadVisitor visitor)
    {
        if (_connection is null)
        {
            return (false, false);
        }

        var request = new MessageBuilder(Nfnetlink.MessageType(Nfnetlink.SubsysCtnetlink, Cta.MsgGet), 0).NfGenMsg(0);
        try
        {
            var interrupted = _connection.DumpEach(request, operation, visitor);
            UnavailableReason = null;
            return (true, interrupted);
        }
        catch (NetlinkException ex) when (ex.Errno is Errno.EINVAL or Errno.EOPNOTSUPP or EProtoNoSupport)
        {
            // nfnetlink answers EINVAL for a subsystem it does not have (nf_conntrack_netlink
            // neither built in nor loadable); our dump request itself is always well formed.
            UnavailableReason = $"the kernel refused a conntrack dump ({ex.ErrorName}): ctnetlink (nf_conntrack_netlink) is not available";
            return (false, false);
        }
    }
}
