using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Cloudnet.Testing.Daemon;

/// <summary>
/// The published cloudnet-ipamd as a child process with a private state directory, socket and
/// free loopback ports. Waits for /readyz, captures stdout and stderr, and kills the process and
/// removes its private directory on dispose.
/// </summary>
/// <example>
/// <code>
/// await using var daemon = await DaemonProcess.StartAsync(new DaemonProcessOptions { PoolCidrs = "10.244.1.0/24" });
/// // CNI tests: socketPath = daemon.SocketPath; spool = Path.Combine(daemon.StateDir, "spool")
/// </code>
/// </example>
public sealed partial class DaemonProcess : IAsyncDisposable
{
    private const int Sigterm = 15;

    /// <summary>Starts tried when the daemon lost a port picked for it to another process.</summary>
    private const int MaxStarts = 3;
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly string? _privateDir;

    private DaemonProcess(Process process, string stateDir, string socketPath, int introspectionPort, int metricsPort, string? privateDir)
    {
        _process = process;
        StateDir = stateDir;
        SocketPath = socketPath;
        IntrospectionUri = new Uri($"http://127.0.0.1:{introspectionPort}/");
        MetricsUri = new Uri($"http://127.0.0.1:{metricsPort}/");
        _privateDir = privateDir;
    }

    /// <summary>The daemon's state directory (checkpoint ipam.json, spool/, ipamd.lock).</summary>
    public string StateDir { get; }

    /// <summary>The gRPC Unix socket.</summary>
    public string SocketPath { get; }

    /// <summary>Release spool directory the CNI binary writes to when the daemon is down.</summary>
    public string SpoolDir => Path.Combine(StateDir, "spool");

    /// <summary>Base URI of the introspection endpoint (/v1/pool, /readyz, …).</summary>
    public Uri IntrospectionUri { get; }

    /// <summary>Base URI of the metrics endpoint (/metrics).</summary>
    public Uri MetricsUri { get; }

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Exit code once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything written to stdout so far (JSON log lines).</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything written to stderr so far (configuration and start errors).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the daemon; by default returns once /readyz answers 200.</summary>
    /// <exception cref="FileNotFoundException">The binary is not published (run make build).</exception>
    /// <exception cref="InvalidOperationException">It exited or did not become ready in time; the message holds its output.</exception>
    public static async Task<DaemonProcess> StartAsync(DaemonProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DaemonProcessOptions();
        var binary = options.BinaryPath ?? PublishedBinaries.Locate("cloudnet-ipamd");
        var privateDir = options.StateDir is null || options.SocketPath is null ? Directory.CreateTempSubdirectory("cnd-").FullName : null;
        var stateDir = options.StateDir ?? Path.Combine(privateDir!, "state");
        var socketPath = options.SocketPath ?? Path.Combine(privateDir!, "ipamd.sock");
        for (var attempt = 1; ; attempt++)
        {
            var daemon = Launch(options, binary, stateDir, socketPath, privateDir);
            if (!options.WaitForReady)
            {
                return daemon;
            }

            try
            {
                await daemon.WaitForReadyAsync(options.ReadyTimeout, options.NetworkNamespace is not null, cancellationToken).ConfigureAwait(false);
                return daemon;
            }
            catch (InvalidOperationException) when (attempt < MaxStarts && daemon.LostAPort)
            {
                // The ports were free when picked (bound, then closed), but another process may bind
                // one before the daemon does: start again on new ones. The daemon exited before it
                // served anything and starts over from its state directory, as after a crash.
                await daemon.EndProcessAsync().ConfigureAwait(false);
            }
            catch
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Waits for the process to exit (e.g. after a configuration error); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        _process.WaitForExit(); // flushes the redirected streams
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as Kubernetes stops the pod; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, Sigterm);
        }

        return await WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL: a crash with no chance to clean up (the socket file stays behind).</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await EndProcessAsync().ConfigureAwait(false);
        if (_privateDir is not null)
        {
            try
            {
                Directory.Delete(_privateDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private bool LostAPort => _process.HasExited && Stderr.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    private static DaemonProcess Launch(DaemonProcessOptions options, string binary, string stateDir, string socketPath, string? privateDir)
    {
        var (introspectionPort, metricsPort) = FreePorts();
        var info = StartInfo(options, binary);
        info.Environment["CLOUDNET_STATE_DIR"] = stateDir;
        info.Environment["CLOUDNET_SOCKET"] = socketPath;
        info.Environment["CLOUDNET_POOL_CIDRS"] = options.PoolCidrs;
        info.Environment["CLOUDNET_INTROSPECTION_ADDR"] = $"127.0.0.1:{introspectionPort}";
        info.Environment["CLOUDNET_METRICS_ADDR"] = $"127.0.0.1:{metricsPort}";
        foreach (var (name, value) in options.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var daemon = new DaemonProcess(process, stateDir, socketPath, introspectionPort, metricsPort, privateDir);
        process.OutputDataReceived += (_, e) => Append(daemon._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(daemon._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    private async Task EndProcessAsync()
    {
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(DaemonProcessOptions options, string binary)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.NetworkNamespace is { } netns)
        {
            info.FileName = "ip";
            foreach (var arg in new[] { "netns", "exec", netns, binary })
            {
                info.ArgumentList.Add(arg);
            }
        }
        else
        {
            info.FileName = binary;
        }

        return info;
    }

    private static void Append(StringBuilder sink, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sink)
        {
            sink.AppendLine(line);
        }
    }

    /// <summary>Two free loopback ports, both held while they are picked, so they differ.</summary>
    private static (int First, int Second) FreePorts()
    {
        var first = new TcpListener(IPAddress.Loopback, 0);
        var second = new TcpListener(IPAddress.Loopback, 0);
        try
        {
            first.Start();
            second.Start();
            return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
