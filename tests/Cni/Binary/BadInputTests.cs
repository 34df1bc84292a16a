using Cloudnet.Testing;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>
/// The bad-input corpus through the published binary: each input gets the spec's error code and a
/// message, and leaves the daemon's allocations and the host namespace exactly as they were.
/// </summary>
[Collection(CniBinaryGroup.Name)]
public sealed class BadInputTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly HostNamespace _host = HostNamespace.Create();
    private readonly ThrowawayNamespace _pod = ThrowawayNamespace.Create("cnp");

    [RootTheory]
    [InlineData("malformed-json", 6)]
    [InlineData("missing-CNI_COMMAND", 4)]
    [InlineData("missing-CNI_CONTAINERID", 4)]
    [InlineData("missing-CNI_NETNS", 4)]
    [InlineData("missing-CNI_IFNAME", 4)]
    [InlineData("unknown-cniVersion", 1)]
    [InlineData("unknown-command", 4)]
    [InlineData("netns-does-not-exist", 3)]
    [InlineData("ifname-already-present", 4)]
    [InlineData("no-daemon-socket", 11)]
    [InlineData("ipam-section", 2)]
    [InlineData("invalid-vethPrefix", 7)]
    public async Task Add_BadInput_RightCodeAndNothingChanged(string input, int expectedCode)
    {
        // A pod interface in the pod namespace for the "already present" case; made before the snapshot.
        if (input == "ifname-already-present")
        {
            _pod.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth0peer").EnsureSuccess();
        }

        var hostBefore = _host.Snapshot();
        var podBefore = _pod.Ip("-o", "link", "show").Stdout + _pod.Ip("route", "show").Stdout;
        var allocationsBefore = await fixture.AllocationsAsync();

        var run = _host.Run(Environment(input), Stdin(input));

        Assert.Equal(expectedCode, run.ErrorCode(out var message));
        Assert.True(message.Length > 10, message);
        Assert.Equal(hostBefore, _host.Snapshot());
        Assert.Equal(podBefore, _pod.Ip("-o", "link", "show").Stdout + _pod.Ip("route", "show").Stdout);
        Assert.Equal(allocationsBefore, await fixture.AllocationsAsync());
    }

    [RootTheory]
    [InlineData("missing-CNI_CONTAINERID", "CNI_CONTAINERID")]
    [InlineData("missing-CNI_NETNS", "CNI_NETNS")]
    [InlineData("missing-CNI_IFNAME", "CNI_IFNAME")]
    [InlineData("missing-CNI_COMMAND", "CNI_COMMAND")]
    [InlineData("ifname-already-present", "CNI_IFNAME")]
    public void Add_InvalidEnvironment_MessageNamesTheVariable(string input, string variable)
    {
        if (input == "ifname-already-present")
        {
            _pod.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth0peer").EnsureSuccess();
        }

        _host.Run(Environment(input), Stdin(input)).ErrorCode(out var message);

        Assert.Contains(variable, message, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Environment(string input)
    {
        var env = new Dictionary<string, string?>
        {
            ["CNI_COMMAND"] = "ADD", ["CNI_CONTAINERID"] = "badinput", ["CNI_NETNS"] = _pod.Path, ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = "/usr/lib/cni",
        };
        switch (input)
        {
            case "missing-CNI_COMMAND": env.Remove("CNI_COMMAND"); break;
            case "missing-CNI_CONTAINERID": env.Remove("CNI_CONTAINERID"); break;
            case "missing-CNI_NETNS": env.Remove("CNI_NETNS"); break;
            case "missing-CNI_IFNAME": env.Remove("CNI_IFNAME"); break;
            case "unknown-command": env["CNI_COMMAND"] = "FROBNICATE"; break;
            case "netns-does-not-exist": env["CNI_NETNS"] = "/run/netns/cnt-does-not-exist"; break;
            default: break;
        }

        return env;
    }

    private string Stdin(string input) => input switch
    {
        "malformed-json" => """{"cniVersion":"1.0.0","name":"cloudnet",""",
        "unknown-cniVersion" => fixture.Config("0.9.9"),
        "no-daemon-socket" => fixture.Config().Replace(fixture.Daemon.SocketPath, "/run/cnt-no-such-daemon.sock", StringComparison.Ordinal),
        "ipam-section" => fixture.Config(extra: ",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.1.0.0/16\"}"),
        "invalid-vethPrefix" => fixture.Config(extra: ",\"vethPrefix\":\"way-too-long\""),
        _ => fixture.Config(),
    };

    public void Dispose()
    {
        _pod.Dispose();
        _host.Dispose();
    }
}
