using Cloudnet.Dataplane.Conntrack;
using Cloudnet.Ipamd.Hosting;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Tests.Node;

/// <summary>
/// The real daemon in the test process (local provider) with the conntrack flusher wired in over
/// a given table: a fake, or a real one opened inside a throwaway namespace. Never the host's.
/// </summary>
internal sealed class ConntrackDaemon : IAsyncDisposable
{
    private readonly GrpcChannel _channel;

    private ConntrackDaemon(DaemonHost host, CapturedLogs logs)
    {
        Host = host;
        Logs = logs;
        _channel = UnixSocketChannel.Create(host.SocketPath);
        Client = new global::Cloudnet.Contract.V1.Ipam.IpamClient(_channel);
    }

    public DaemonHost Host { get; }

    public CapturedLogs Logs { get; }

    public global::Cloudnet.Contract.V1.Ipam.IpamClient Client { get; }

    public ConntrackFlusher Flusher => Host.Services.GetRequiredService<ConntrackFlusher>();

    public static async Task<ConntrackDaemon> StartAsync(TempDirectory dir, IConntrack table, params string[] cidrs)
    {
        var logs = new CapturedLogs();
        var settings = new DaemonHostSettings
        {
            Options = WithFlush(TestDaemon.DefaultOptions(dir, cidrs)),
            Reconciler = new ReconcilerSettings { MinInterval = TimeSpan.FromMilliseconds(20) },
            UseConsoleLifetime = false,
            ConfigureLogging = l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug),
            // The daemon registers the flusher (CLOUDNET_CONNTRACK_FLUSH); this table replaces the host's.
            ConfigureServices = services => services.AddSingleton(table),
        };
        var host = await DaemonHost.StartAsync(settings, CancellationToken.None);
        return new ConntrackDaemon(host, logs);
    }

    private static DaemonOptions WithFlush(DaemonOptions options)
    {
        options.ConntrackFlush = true;
        // An address released before a restart must still be cooling when the successor starts (it
        // flushes the cooling ones), however slowly a loaded machine gets there.
        options.IPCooldown = TimeSpan.FromHours(1);
        return options;
    }

    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{Host.MetricsEndpoint}") };
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Host.DisposeAsync();
    }
}
