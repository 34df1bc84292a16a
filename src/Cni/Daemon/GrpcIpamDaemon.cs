using System.Net.Sockets;
using Cloudnet.Contract.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cloudnet.Cni.Daemon;

/// <summary>
/// <see cref="IIpamDaemon"/> over gRPC (HTTP/2 cleartext) on the daemon's Unix socket. One
/// connection per invocation; every call carries a deadline of <c>timeout</c> from now.
/// </summary>
public sealed class GrpcIpamDaemon : IIpamDaemon
{
    private readonly GrpcChannel _channel;
    private readonly Contract.V1.Ipam.IpamClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the client; nothing connects until the first call.</summary>
    public GrpcIpamDaemon(string socketPath, TimeSpan timeout, TimeProvider time)
    {
        _time = time;
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    // .NET reports a missing socket file as "Cannot assign requested address (localhost:80)".
                    var why = File.Exists(socketPath) ? ex.Message : "no such socket file";
                    throw new IOException($"cannot connect to cloudnet-ipamd at {socketPath}: {why}", ex);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        // The authority is irrelevant on a Unix socket; "localhost" keeps HTTP/2 pseudo-headers valid.
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxRetryAttempts = 0,
        });
        _client = new Contract.V1.Ipam.IpamClient(_channel);
    }

    /// <inheritdoc />
    public async Task<AddReply> AddAsync(AddRequest request, CancellationToken cancellationToken) =>
        await _client.AddAsync(request, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<DelReply> DelAsync(DelRequest request, CancellationToken cancellationToken) =>
        await _client.DelAsync(request, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<CheckReply> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        await _client.CheckAsync(request, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<GcReply> GcAsync(GcRequest request, CancellationToken cancellationToken) =>
        await _client.GcAsync(request, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<StatusReply> StatusAsync(StatusRequest request, CancellationToken cancellationToken) =>
        await _client.StatusAsync(request, Options(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    private CallOptions Options(CancellationToken cancellationToken) =>
        new(deadline: (_time.GetUtcNow() + _timeout).UtcDateTime, cancellationToken: cancellationToken);
}
