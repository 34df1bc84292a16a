using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cloudnet.Bench.Daemon;

/// <summary>Starts the published cloudnet-ipamd with a private state directory and waits for /readyz.</summary>
internal sealed class DaemonLauncher : IAsyncDisposable
{
    private readonly Process _process;

    private DaemonLauncher(Process process, string socketPath, int introspectionPort, TimeSpan startToReady)
    {
        _process = process;
        SocketPath = socketPath;
        IntrospectionPort = introspectionPort;
        StartToReady = startToReady;
    }

    public string SocketPath { get; }

    public int IntrospectionPort { get; }

    public TimeSpan StartToReady { get; }

    /// <summary>Resident set size now, from /proc/&lt;pid&gt;/status (VmRSS), in MiB.</summary>
    public double RssMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return kib / 1024;
    }

    public static string FindBinary(string? overridePath)
    {
        if (overridePath is not null)
        {
            return overridePath;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "out", "bin", "cloudnet-ipamd");
            if (File.Exists(Path.Combine(dir.FullName, "cloudnet.sln")))
            {
                return File.Exists(candidate) ? candidate : throw new FileNotFoundException($"{candidate} is missing: run `make build` first");
            }
        }

        throw new FileNotFoundException("cannot find cloudnet.sln above the working directory; pass --bin <path to cloudnet-ipamd>");
    }

    public static async Task<DaemonLauncher> StartAsync(string binary, string dir, IReadOnlyDictionary<string, string> env)
    {
        var socket = Path.Combine(dir, "ipamd.sock");
        var port = FreePort();
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["CLOUDNET_STATE_DIR"] = Path.Combine(dir, "state");
        info.Environment["CLOUDNET_SOCKET"] = socket;
        info.Environment["CLOUDNET_INTROSPECTION_ADDR"] = $"127.0.0.1:{port}";
        info.Environment["CLOUDNET_METRICS_ADDR"] = $"127.0.0.1:{FreePort()}";
        info.Environment["CLOUDNET_LOG_LEVEL"] = "warning";
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + binary);
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"cloudnet-ipamd exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return new DaemonLauncher(process, socket, port, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(2).ConfigureAwait(false);
        }

        process.Kill();
        throw new TimeoutException("cloudnet-ipamd was not ready within 60 s");
    }

    /// <summary>SIGTERM and wait, so the checkpoint is final.</summary>
    public async Task StopAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().ConfigureAwait(false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
