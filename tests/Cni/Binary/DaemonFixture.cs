using System.Text.Json;
using Cloudnet.Testing.Daemon;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>The published cloudnet-ipamd on the local provider, private state dir, socket and ports; one per test class.</summary>
public sealed class DaemonFixture : IAsyncLifetime
{
    // Generous: a daemon on a loaded machine, just after 50 parallel ADDs, may take seconds to answer.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal DaemonProcess Daemon { get; private set; } = null!;

    /// <summary>Pool of the daemon; override in a derived fixture for a tiny pool.</summary>
    internal string PoolCidrs { get; init; } = "10.244.0.0/24";

    internal IDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var options = new DaemonProcessOptions { PoolCidrs = PoolCidrs };
        foreach (var (k, v) in Environment)
        {
            options.Environment[k] = v;
        }

        Daemon = await DaemonProcess.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (Daemon is not null)
        {
            await Daemon.DisposeAsync();
        }
    }

    /// <summary>The plugin configuration for this daemon.</summary>
    internal string Config(string version = "1.0.0", string name = "cloudnet", string extra = "") =>
        $$"""{"cniVersion":"{{version}}","name":"{{name}}","type":"cloudnet","socketPath":"{{Daemon.SocketPath}}","stateDir":"{{Daemon.StateDir}}","timeoutSeconds":20{{extra}}}""";

    /// <summary>The daemon's allocations as "containerId/ifName=address" lines, sorted.</summary>
    internal async Task<IReadOnlyList<string>> AllocationsAsync()
    {
        var json = await Http.GetStringAsync(new Uri(Daemon.IntrospectionUri, "v1/allocations"));
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateArray()
            .Select(a => $"{a.GetProperty("containerId").GetString()}/{a.GetProperty("ifName").GetString()}={a.GetProperty("address").GetString()}")
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Config text with a prevResult.</summary>
    internal static string WithPrev(string config, string result) =>
        string.Concat(config.AsSpan(0, config.Length - 1), ",\"prevResult\":", result, "}");
}
