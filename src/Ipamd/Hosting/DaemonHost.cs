using System.Net;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>
/// The running daemon: lock the state directory → start-up reconciliation → open the socket and
/// the HTTP listeners → ready. <see cref="StopAsync"/> is the SIGTERM path: stop accepting,
/// finish in-flight calls, persist, remove the socket, release the lock.
/// </summary>
public sealed partial class DaemonHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StateDirectoryLock _lock;
    private readonly KestrelListeners _listeners;
    private readonly ILogger _logger;
    private ConflistInstaller? _conflist;
    private int _stopped;

    private DaemonHost(WebApplication app, StateDirectoryLock stateLock, KestrelListeners listeners)
    {
        _app = app;
        _lock = stateLock;
        _listeners = listeners;
        _logger = app.Services.GetRequiredService<ILogger<DaemonHost>>();
    }

    /// <summary>The daemon's services (datastore, reconciler, state, …).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The gRPC Unix socket.</summary>
    public string SocketPath => Options.SocketPath;

    /// <summary>The bound introspection endpoint (a configured port 0 resolved).</summary>
    public IPEndPoint IntrospectionEndpoint => _listeners.Introspection.IPEndPoint!;

    /// <summary>The bound metrics endpoint.</summary>
    public IPEndPoint MetricsEndpoint => _listeners.Metrics.IPEndPoint!;

    /// <summary>Completes when SIGTERM/SIGINT (or <see cref="StopAsync"/>) asks the daemon to stop.</summary>
    public CancellationToken StopRequested => _app.Lifetime.ApplicationStopping;

    private DaemonOptions Options => _app.Services.GetRequiredService<DaemonOptions>();

    /// <summary>Starts a daemon; returns once it is ready (socket open, /readyz 200).</summary>
    /// <exception cref="DaemonStartException">Invalid provider, state directory locked, unreadable checkpoint, provider failure.</exception>
    public static async Task<DaemonHost> StartAsync(DaemonHostSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.Options;
        var (conflist, conflistProblems) = CniConflistSource.Build(options);
        var problems = settings.Registry.Validate(options, settings.Configuration).Concat(conflistProblems).ToList();
        if (options.CniConfDir is { } confDir && conflist is not null && !Directory.Exists(confDir))
        {
            problems.Add($"{EnvironmentNames.CniConfDir}: directory '{confDir}' does not exist (the runtime's CNI configuration directory)");
        }

        if (problems.Count > 0)
        {
            throw new DaemonStartException(string.Join(Environment.NewLine, problems));
        }

        var stateLock = StateDirectoryLock.Acquire(options.StateDir, options.LockPath);
        WebApplication? app = null;
        DaemonHost? host = null;
        try
        {
            (app, var listeners) = DaemonApplication.Build(settings, settings.Registry.Find(options.Provider)!);
            host = new DaemonHost(app, stateLock, listeners);
            if (conflist is not null)
            {
                host._conflist = new ConflistInstaller(options.CniConflistTarget!, conflist, settings.TimeProvider, app.Services.GetRequiredService<ILogger<ConflistInstaller>>());
            }

            await host.RunStartupAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeConflistAsync().ConfigureAwait(false);
            }

            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            stateLock.Dispose();
            throw;
        }
    }

    private async Task RunStartupAsync(CancellationToken cancellationToken)
    {
        LogStarting(Options.Provider, Options.StateDir);
        _ = _app.Services.GetRequiredService<ICloudProvider>();
        _ = _app.Services.GetRequiredService<INodeNetwork>();
        await _app.Services.GetRequiredService<DaemonStartup>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        SocketFile.Prepare(Options.SocketPath, () => LogStaleSocket(Options.SocketPath));
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        SocketFile.Restrict(Options.SocketPath);
        var ports = _app.Services.GetRequiredService<ListenerPorts>();
        ports.Introspection = IntrospectionEndpoint.Port;
        ports.Metrics = MetricsEndpoint.Port;
        _app.Services.GetRequiredService<DaemonState>().MarkReady();
        // Only now the conflist (DESIGN: "ready → only then install the conflist"): the kubelet
        // reports the node's network ready once one is in its CNI directory.
        _conflist?.Install();
        _app.Services.GetRequiredService<Reconciler>().Start();
        await DrainLateSpoolAsync(cancellationToken).ConfigureAwait(false);
        LogReady(Options.SocketPath, IntrospectionEndpoint.ToString(), MetricsEndpoint.ToString());
    }

    /// <summary>Releases a CNI DEL may have spooled while the socket was not open yet.</summary>
    private async Task DrainLateSpoolAsync(CancellationToken cancellationToken)
    {
        var spool = _app.Services.GetRequiredService<SpoolDrain>();
        var handled = spool.Apply(_app.Services.GetRequiredService<Ipam.Pool.Datastore>());
        if (handled.Count > 0)
        {
            await _app.Services.GetRequiredService<CheckpointWriter>().PersistAsync(cancellationToken).ConfigureAwait(false);
            spool.Complete(handled);
        }
    }

    /// <summary>Graceful stop: refuse new calls, finish in-flight ones, persist, remove the socket, release the lock.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        LogStopping();
        // The conflist stays: pods' DELs need the runtime to keep running the binary (which spools
        // releases while the daemon is down), and ADDs meanwhile fail with "try again later".
        await DisposeConflistAsync().ConfigureAwait(false);
        _app.Services.GetRequiredService<DaemonState>().MarkDraining();
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        await _app.Services.GetRequiredService<Reconciler>().StopAsync(cancellationToken).ConfigureAwait(false);
        await _app.Services.GetRequiredService<CheckpointWriter>().PersistAsync(cancellationToken).ConfigureAwait(false);
        SocketFile.Remove(Options.SocketPath);
        _lock.Dispose();
        LogStopped();
    }

    /// <summary>
    /// Stands in for a crash in tests: listeners and the reconciler stop, but nothing is persisted,
    /// the socket file stays behind, and the lock is released as the kernel would on process death.
    /// </summary>
    public async Task AbandonAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        using var now = new CancellationTokenSource();
        await now.CancelAsync().ConfigureAwait(false);
        await DisposeConflistAsync().ConfigureAwait(false);
        await _app.Services.GetRequiredService<Reconciler>().StopAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await _app.StopAsync(now.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Abandoned on purpose.
        }

        _lock.Dispose();
    }

    private async Task DisposeConflistAsync()
    {
        if (_conflist is not null)
        {
            await _conflist.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
