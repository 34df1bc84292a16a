using Cloudnet.Contract.V1;
using Google.Protobuf;

namespace Cloudnet.Cni.Daemon;

/// <summary>
/// <see cref="IIpamDaemon"/> over <see cref="UnixGrpcCall"/>: synchronous, one connection per call,
/// every call bounded by the configured timeout (sent as grpc-timeout and enforced on the socket).
/// </summary>
public sealed class UnixSocketIpamDaemon(string socketPath, TimeSpan timeout) : IIpamDaemon
{
    private const string Service = "/cloudnet.ipam.v1.Ipam/";

    /// <inheritdoc />
    public Task<AddReply> AddAsync(AddRequest request, CancellationToken cancellationToken) =>
        Call("Add", request, AddReply.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<DelReply> DelAsync(DelRequest request, CancellationToken cancellationToken) =>
        Call("Del", request, DelReply.Parser, cancellationToken);

    /// <inheritdoc />
    public PendingReply<AddReply> StartAdd(AddRequest request, CancellationToken cancellationToken) =>
        Start("Add", request, AddReply.Parser, cancellationToken);

    /// <inheritdoc />
    public PendingReply<DelReply> StartDel(DelRequest request, CancellationToken cancellationToken) =>
        Start("Del", request, DelReply.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<CheckReply> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        Call("Check", request, CheckReply.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<GcReply> GcAsync(GcRequest request, CancellationToken cancellationToken) =>
        Call("Gc", request, GcReply.Parser, cancellationToken);

    /// <inheritdoc />
    public Task<StatusReply> StatusAsync(StatusRequest request, CancellationToken cancellationToken) =>
        Call("Status", request, StatusReply.Parser, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private Task<TReply> Call<TReply>(string method, IMessage request, MessageParser<TReply> parser, CancellationToken cancellationToken)
        where TReply : IMessage<TReply>
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Parse(method, parser, UnixGrpcCall.Invoke(socketPath, Service + method, request.ToByteArray(), timeout));
    }

    private PendingReply<TReply> Start<TReply>(string method, IMessage request, MessageParser<TReply> parser, CancellationToken cancellationToken)
        where TReply : IMessage<TReply>
    {
        cancellationToken.ThrowIfCancellationRequested();
        UnixGrpcCall.Pending call;
        try
        {
            call = UnixGrpcCall.Begin(socketPath, Service + method, request.ToByteArray(), timeout);
        }
        catch (Grpc.Core.RpcException ex)
        {
            return new PendingReply<TReply>(() => Task.FromException<TReply>(ex), failed: true);
        }

        return new PendingReply<TReply>(() => Parse(method, parser, call.Finish()), call.Dispose);
    }

    private static Task<TReply> Parse<TReply>(string method, MessageParser<TReply> parser, byte[] bytes)
        where TReply : IMessage<TReply>
    {
        try
        {
            return Task.FromResult(parser.ParseFrom(bytes));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Internal, $"daemon {method} reply does not decode: {ex.Message}", ex));
        }
    }
}
