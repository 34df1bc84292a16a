using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Testing.Daemon;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Providers.Aws.Tests.EndToEnd;

/// <summary>
/// One AWS node for end-to-end tests, built from the published binaries: a namespace standing in for
/// the instance, the emulator running inside it on 127.0.0.1:4566 (EC2 and IMDS, as on a real
/// instance) with ENIs materialised as links in that namespace (far ends in a "VPC" namespace), and
/// cloudnet-ipamd in AWS mode inside it. The test reaches both through <see cref="NamespacedHttp"/>.
/// </summary>
internal sealed class AwsNodeRig : IAsyncDisposable
{
    private const string EmulatorUrl = "http://127.0.0.1:4566/";
    private readonly Process _emulator;
    private readonly List<IDisposable> _owned;

    private AwsNodeRig(ThrowawayNamespace node, ThrowawayNamespace vpc, NetworkNamespace nodeNs, Process emulator, HttpClient emulatorHttp, List<IDisposable> owned)
    {
        Node = node;
        Vpc = vpc;
        NodeNamespace = nodeNs;
        _emulator = emulator;
        Emulator = emulatorHttp;
        _owned = owned;
    }

    public ThrowawayNamespace Node { get; }

    public ThrowawayNamespace Vpc { get; }

    public NetworkNamespace NodeNamespace { get; }

    /// <summary>The emulator's EC2, IMDS and /_emulator control API.</summary>
    public HttpClient Emulator { get; }

    public DaemonProcess? Daemon { get; private set; }

    /// <summary>The daemon's introspection API (after <see cref="StartDaemonAsync"/>).</summary>
    public HttpClient Introspection { get; private set; } = null!;

    /// <summary>The daemon's /metrics.</summary>
    public HttpClient Metrics { get; private set; } = null!;

    public static async Task<AwsNodeRig> StartAsync(params string[] emulatorArguments)
    {
        var owned = new List<IDisposable>();
        try
        {
            var node = Own(owned, ThrowawayNamespace.Create("cnt"));
            var vpc = Own(owned, ThrowawayNamespace.Create("cnt"));
            var nodeNs = Own(owned, NetworkNamespace.Open(node.Path));
            var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["netns", "exec", node.Name, PublishedBinaries.Locate("cloudnet-emulator"), "--listen", "127.0.0.1:4566",
                "--materialize-enis", "--netns", node.Name, "--vpc-netns", vpc.Name, "--log-level", "warning", .. emulatorArguments])
            {
                start.ArgumentList.Add(argument);
            }

            var emulator = Process.Start(start) ?? throw new InvalidOperationException("could not start cloudnet-emulator");
            emulator.OutputDataReceived += (_, _) => { };
            emulator.ErrorDataReceived += (_, _) => { };
            emulator.BeginOutputReadLine();
            emulator.BeginErrorReadLine();
            var http = Own(owned, NamespacedHttp.Create(nodeNs, new Uri(EmulatorUrl)));
            var rig = new AwsNodeRig(node, vpc, nodeNs, emulator, http, owned);
            await rig.WaitAsync(async () => (await http.GetAsync(new Uri("_emulator/health", UriKind.Relative))).IsSuccessStatusCode, "the emulator to answer");
            return rig;
        }
        catch
        {
            for (var i = owned.Count - 1; i >= 0; i--)
            {
                owned[i].Dispose();
            }

            throw;
        }
    }

    /// <summary>Starts cloudnet-ipamd in AWS mode inside the node and waits until it is ready.</summary>
    public async Task StartDaemonAsync(IDictionary<string, string> environment)
    {
        var options = new DaemonProcessOptions { NetworkNamespace = Node.Name, ReadyTimeout = TimeSpan.FromSeconds(90) };
        options.Environment["CLOUDNET_PROVIDER"] = "aws";
        options.Environment["AWS_ENDPOINT_URL_EC2"] = EmulatorUrl;
        options.Environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = EmulatorUrl;
        foreach (var (name, value) in environment)
        {
            options.Environment[name] = value;
        }

        Daemon = await DaemonProcess.StartAsync(options);
        Introspection = Own(_owned, NamespacedHttp.Create(NodeNamespace, Daemon.IntrospectionUri));
        Metrics = Own(_owned, NamespacedHttp.Create(NodeNamespace, Daemon.MetricsUri));
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));

    /// <summary>Polls <paramref name="condition"/> until it holds (at most 3 minutes; no timing is asserted).</summary>
    public async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (_emulator.HasExited)
            {
                throw new InvalidOperationException($"the emulator exited with code {_emulator.ExitCode}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"gave up waiting for {what}" + (Daemon is null ? string.Empty : $"\ndaemon stderr:\n{Daemon.Stderr}"), last);
    }

    public async ValueTask DisposeAsync()
    {
        if (Daemon is not null)
        {
            await Daemon.DisposeAsync();
        }

        if (!_emulator.HasExited)
        {
            _emulator.Kill(entireProcessTree: true);
            await _emulator.WaitForExitAsync();
        }

        _emulator.Dispose();
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private static T Own<T>(List<IDisposable> owned, T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }
}
