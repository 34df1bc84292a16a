using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Namespaces;

namespace Cloudnet.Providers.Aws.Tests.EndToEnd;

/// <summary>
/// An HttpClient whose connections are made from inside a network namespace: each socket is created
/// on a thread in the namespace (so it belongs to it), then used from any thread. This lets the test,
/// in the host namespace, reach loopback listeners of processes running inside the node namespace.
/// </summary>
internal static class NamespacedHttp
{
    public static HttpClient Create(NetworkNamespace ns, Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true });
                try
                {
                    var host = context.DnsEndPoint;
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(host.Host), host.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
