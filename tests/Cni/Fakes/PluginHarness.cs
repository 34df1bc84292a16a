using System.Text;
using System.Text.Json;
using Cloudnet.Ipam.Spool;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Cni.Tests.Fakes;

/// <summary>Runs <see cref="CniPlugin"/> against the fakes, the way Program.cs runs it against the real seams.</summary>
internal sealed class PluginHarness
{
    public FakeIpamDaemon Daemon { get; } = new();

    public FakePodNetwork Network { get; } = new();

    public List<(string Dir, SpooledRelease Release)> Spooled { get; } = [];

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public int Connects { get; private set; }

    public static string Config(string version = "1.0.0", string extra = "") =>
        $$"""{"cniVersion":"{{version}}","name":"cloudnet","type":"cloudnet","socketPath":"/run/test/ipamd.sock","stateDir":"/var/lib/test"{{extra}}}""";

    public static Dictionary<string, string> Env(string command, string container = "c1", string? netns = "/run/netns/pod", string ifName = "eth0")
    {
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = command, ["CNI_CONTAINERID"] = container, ["CNI_IFNAME"] = ifName };
        if (netns is not null)
        {
            env["CNI_NETNS"] = netns;
        }

        return env;
    }

    public async Task<CniOutcome> RunAsync(Dictionary<string, string> env, string stdin)
    {
        var deps = new CniDependencies
        {
            ConnectDaemon = _ =>
            {
                Connects++;
                return Daemon;
            },
            Network = Network,
            SpoolRelease = (dir, release, _) =>
            {
                Spooled.Add((dir, release));
                return Task.CompletedTask;
            },
            CreateLogger = _ => NullLogger.Instance,
            Time = Time,
        };
        return await new CniPlugin(deps).RunAsync(new CniInvocation(env, Encoding.UTF8.GetBytes(stdin)), CancellationToken.None);
    }

    /// <summary>Runs for <paramref name="container"/>; containers other than "c1" get a namespace of their own.</summary>
    public Task<CniOutcome> RunAsync(string command, string stdin, string container = "c1")
    {
        var netns = container == "c1" ? "/run/netns/pod" : $"/run/netns/{container}";
        Network.Namespaces.Add(netns);
        return RunAsync(Env(command, container, netns), stdin);
    }

    /// <summary>The error code of a failed outcome (asserting it failed and printed an error result).</summary>
    public static int ErrorCode(CniOutcome outcome, out string message)
    {
        Assert.Equal(1, outcome.ExitCode);
        Assert.NotNull(outcome.Stdout);
        using var doc = JsonDocument.Parse(outcome.Stdout);
        message = doc.RootElement.GetProperty("msg").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        return doc.RootElement.GetProperty("code").GetInt32();
    }

    /// <summary>Config text with a prevResult taken from an ADD's output.</summary>
    public static string WithPrev(string config, string addStdout) =>
        string.Concat(config.AsSpan(0, config.Length - 1), ",\"prevResult\":", addStdout, "}");
}
