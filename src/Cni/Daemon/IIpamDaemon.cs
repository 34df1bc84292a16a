using Cloudnet.Contract.V1;

namespace Cloudnet.Cni.Daemon;

/// <summary>
/// The node daemon, cloudnet-ipamd, as the CNI binary sees it. Failures surface as
/// <see cref="Grpc.Core.RpcException"/> with the contract's status codes; the deadline is the
/// implementation's business.
/// </summary>
public interface IIpamDaemon : IDisposable
{
    /// <summary>Assigns (idempotently) the attachment's address.</summary>
    Task<AddReply> AddAsync(AddRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the Add now and returns the reply to read later (ADD creates the veth pair meanwhile).
    /// Connection failures surface when the reply is read. The default makes the whole call when
    /// the reply is read.
    /// </summary>
    PendingReply<AddReply> StartAdd(AddRequest request, CancellationToken cancellationToken) =>
        new(() => AddAsync(request, cancellationToken));

    /// <summary>Releases the attachment's address; unknown keys succeed.</summary>
    Task<DelReply> DelAsync(DelRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the release now and returns the reply to read later (DEL removes the host veth, a slow
    /// kernel operation, meanwhile). Connection failures surface when the reply is read. The
    /// default makes the whole call when the reply is read.
    /// </summary>
    PendingReply<DelReply> StartDel(DelRequest request, CancellationToken cancellationToken) =>
        new(() => DelAsync(request, cancellationToken));

    /// <summary>The daemon's allocation for the key, or NotFound.</summary>
    Task<CheckReply> CheckAsync(CheckRequest request, CancellationToken cancellationToken);

    /// <summary>Releases every allocation of the network outside the valid list.</summary>
    Task<GcReply> GcAsync(GcRequest request, CancellationToken cancellationToken);

    /// <summary>Whether an ADD can succeed now.</summary>
    Task<StatusReply> StatusAsync(StatusRequest request, CancellationToken cancellationToken);
}
