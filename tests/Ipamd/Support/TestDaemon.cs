using Cloudnet.Contract.V1;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipamd.Hosting;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Testing;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Tests.Support;

/// <summary>
/// The real daemon hosted in the test process: a private state directory and socket, free
/// loopback ports, the local provider (or a fake cloud), and a gRPC client over the socket.
/// </summary>
public sealed class TestDaemon : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly bool _ownsDir;
    private GrpcChannel? _channel;
    private HttpClient? _http;

    private TestDaemon(DaemonHost host, DaemonHostSettings settings, TempDirectory dir, bool ownsDir, CapturedLogs logs)
    {
        Host = host;
        Settings = settings;
        _dir = dir;
        _ownsDir = ownsDir;
        Logs = logs;
    }

    public DaemonHost Host { get; }

    public DaemonHostSettings Settings { get; }

    public CapturedLogs Logs { get; }

    public DaemonOptions Options => Settings.Options;

    public string StateDir => Options.StateDir;

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public global::Cloudnet.Contract.V1.Ipam.IpamClient Client => new((_channel ??= UnixSocketChannel.Create(Options.SocketPath)));

    public HttpClient Http => _http ??= new HttpClient { BaseAddress = new Uri($"http://{Host.IntrospectionEndpoint}") };

    public HttpClient MetricsHttp => new() { BaseAddress = new Uri($"http://{Host.MetricsEndpoint}") };

    /// <summary>Options for a daemon in <paramref name="dir"/> with the local provider over <paramref name="cidrs"/>.</summary>
    public static DaemonOptions DefaultOptions(TempDirectory dir, params string[] cidrs) => new()
    {
        StateDir = dir.Combine("state"),
        SocketPath = dir.Combine("ipamd.sock"),
        PoolCidrs = [.. (cidrs.Length == 0 ? ["10.99.0.0/24"] : cidrs).Select(Cidr.Parse)],
        IntrospectionEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
        MetricsEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
        AddWait = TimeSpan.FromSeconds(5),
        // These daemons run in the test host's namespace: its conntrack table is not theirs to
        // read. ConntrackDaemon turns it on over a table of its own.
        ConntrackFlush = false,
    };

    public static Task<TestDaemon> StartAsync(Action<DaemonOptions>? configure = null, ProviderRegistry? registry = null,
        TimeProvider? time = null, ReconcilerSettings? reconciler = null) =>
        StartAsync(new TempDirectory(), ownsDir: true, configure, registry, time, reconciler);

    public static async Task<TestDaemon> StartAsync(TempDirectory dir, bool ownsDir, Action<DaemonOptions>? configure = null,
        ProviderRegistry? registry = null, TimeProvider? time = null, ReconcilerSettings? reconciler = null)
    {
        var options = DefaultOptions(dir);
        configure?.Invoke(options);
        var logs = new CapturedLogs();
        var settings = new DaemonHostSettings
        {
            Options = options,
            Registry = registry ?? ProviderRegistry.CreateDefault(),
            TimeProvider = time ?? TimeProvider.System,
            Reconciler = reconciler ?? new ReconcilerSettings { MinInterval = TimeSpan.FromMilliseconds(20) },
            UseConsoleLifetime = false,
            ConfigureLogging = l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug),
        };
        try
        {
            var host = await DaemonHost.StartAsync(settings, CancellationToken.None);
            return new TestDaemon(host, settings, dir, ownsDir, logs);
        }
        catch
        {
            if (ownsDir)
            {
                dir.Dispose();
            }

            throw;
        }
    }

    /// <summary>Starts another daemon on the same directory and options (after this one stopped or was abandoned).</summary>
    public async Task<TestDaemon> StartSuccessorAsync(ProviderRegistry? registry = null, TimeProvider? time = null)
    {
        var options = Options;
        return await StartAsync(_dir, ownsDir: false, o => Copy(options, o), registry ?? Settings.Registry, time ?? Settings.TimeProvider, Settings.Reconciler);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _http?.Dispose();
        await Host.DisposeAsync();
        if (_ownsDir)
        {
            _dir.Dispose();
        }
    }

    private static void Copy(DaemonOptions from, DaemonOptions to)
    {
        to.Provider = from.Provider;
        to.StateDir = from.StateDir;
        to.SocketPath = from.SocketPath;
        to.PoolCidrs = from.PoolCidrs;
        to.AddWait = from.AddWait;
        to.IPCooldown = from.IPCooldown;
        to.WarmPool = from.WarmPool;
        to.Mtu = from.Mtu;
    }
}
