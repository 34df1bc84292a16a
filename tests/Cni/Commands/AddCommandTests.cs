using System.Text.Json;
using Cloudnet.Cni.Tests.Fakes;
using Grpc.Core;

namespace Cloudnet.Cni.Tests.Commands;

public class AddCommandTests
{
    private readonly PluginHarness _h = new();

    [Theory]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public async Task Add_Success_PrintsResultWithSandboxAddressAndDefaultRoute(string version)
    {
        var outcome = await _h.RunAsync("ADD", PluginHarness.Config(version));

        Assert.Equal(0, outcome.ExitCode);
        var json = JsonDocument.Parse(outcome.Stdout!).RootElement;
        Assert.Equal(version, json.GetProperty("cniVersion").GetString());
        Assert.Equal("eth0", json.GetProperty("interfaces")[1].GetProperty("name").GetString());
        Assert.Equal("/run/netns/pod", json.GetProperty("interfaces")[1].GetProperty("sandbox").GetString());
        Assert.Equal("10.0.1.10/32", json.GetProperty("ips")[0].GetProperty("address").GetString());
        Assert.Equal("169.254.1.1", json.GetProperty("routes")[0].GetProperty("gw").GetString());
        Assert.Single(_h.Network.HostVeths);
    }

    [Fact]
    public async Task Add_MtuFromConfig_OverridesDaemon()
    {
        await _h.RunAsync("ADD", PluginHarness.Config(extra: ",\"mtu\":1400"));

        Assert.Equal(1400, _h.Network.HostVeths.Values.Single().Wiring.Mtu);
    }

    [Fact]
    public async Task Add_NoMtuInConfig_TakesDaemons()
    {
        await _h.RunAsync("ADD", PluginHarness.Config());

        Assert.Equal(9001, _h.Network.HostVeths.Values.Single().Wiring.Mtu);
    }

    [Fact]
    public async Task Add_NetnsMissing_Code3AndDaemonNeverAsked()
    {
        var outcome = await _h.RunAsync(PluginHarness.Env("ADD", netns: "/run/netns/gone"), PluginHarness.Config());

        Assert.Equal(3, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("/run/netns/gone", msg, StringComparison.Ordinal);
        Assert.Empty(_h.Daemon.Calls);
    }

    [Fact]
    public async Task Add_IfNameTaken_Code4NamingIfNameAndDaemonNeverAsked()
    {
        _h.Network.PodLinks.Add(("/run/netns/pod", "eth0"));

        var outcome = await _h.RunAsync("ADD", PluginHarness.Config());

        Assert.Equal(4, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("CNI_IFNAME", msg, StringComparison.Ordinal);
        Assert.Empty(_h.Daemon.Calls);
    }

    [Theory]
    [InlineData(StatusCode.ResourceExhausted, 11)]
    [InlineData(StatusCode.Unavailable, 11)]
    [InlineData(StatusCode.DeadlineExceeded, 11)]
    [InlineData(StatusCode.FailedPrecondition, 100)]
    [InlineData(StatusCode.InvalidArgument, 7)]
    [InlineData(StatusCode.Internal, 101)]
    public async Task Add_DaemonFails_MappedCodeNamingTheIds(StatusCode status, int expected)
    {
        _h.Daemon.FailWith = status;

        var outcome = await _h.RunAsync("ADD", PluginHarness.Config());

        Assert.Equal(expected, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("ADD container c1 ifname eth0 network cloudnet", msg, StringComparison.Ordinal);
        Assert.Empty(_h.Network.HostVeths);
        Assert.Empty(_h.Network.Prepared);
        Assert.Empty(_h.Network.PodLinks);
    }

    [Fact]
    public async Task Add_PreparingVethFails_ReleasesTheAddressAndReportsCode5()
    {
        _h.Network.FailPrepare = true;

        var outcome = await _h.RunAsync("ADD", PluginHarness.Config());

        Assert.Equal(5, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("veth pair for address 10.0.1.10", msg, StringComparison.Ordinal);
        Assert.Empty(_h.Daemon.Allocations);
        Assert.Equal(["Add", "Del"], _h.Daemon.Calls);
        Assert.Empty(_h.Network.PodLinks);
    }

    [Fact]
    public async Task Add_PoolExhausted_Code11()
    {
        await _h.RunAsync("ADD", PluginHarness.Config(), "a");
        await _h.RunAsync("ADD", PluginHarness.Config(), "b");
        await _h.RunAsync("ADD", PluginHarness.Config(), "c");

        var outcome = await _h.RunAsync("ADD", PluginHarness.Config(), "d");

        Assert.Equal(11, PluginHarness.ErrorCode(outcome, out _));
    }

    [Fact]
    public async Task Add_WiringFails_ReleasesTheAddressAndReportsCode5()
    {
        _h.Network.FailAttach = true;

        var outcome = await _h.RunAsync("ADD", PluginHarness.Config());

        Assert.Equal(5, PluginHarness.ErrorCode(outcome, out var msg));
        Assert.Contains("10.0.1.10", msg, StringComparison.Ordinal);
        Assert.Empty(_h.Daemon.Allocations);
        Assert.Equal(["Add", "Del"], _h.Daemon.Calls);
        Assert.Empty(_h.Network.Prepared);
        Assert.Empty(_h.Network.PodLinks);
    }

    [Fact]
    public async Task Add_SecondaryInterfaceTable_WiringNeedsRules()
    {
        _h.Daemon.RouteTable = 3;

        await _h.RunAsync("ADD", PluginHarness.Config());

        Assert.True(_h.Network.HostVeths.Values.Single().Wiring.NeedsRules);
        Assert.Single(_h.Network.RuleAddresses);
    }

    [Fact]
    public async Task Add_ChainedAfterAnotherPlugin_AppendsToPrevResult()
    {
        const string prev = """{"cniVersion":"1.0.0","interfaces":[{"name":"lo0","sandbox":"/run/netns/pod"}],"ips":[{"address":"192.168.9.9/24","interface":0}]}""";

        var outcome = await _h.RunAsync("ADD", PluginHarness.WithPrev(PluginHarness.Config(), prev));

        var json = JsonDocument.Parse(outcome.Stdout!).RootElement;
        Assert.Equal(3, json.GetProperty("interfaces").GetArrayLength());
        Assert.Equal(2, json.GetProperty("ips")[1].GetProperty("interface").GetInt32());
        Assert.Equal("192.168.9.9/24", json.GetProperty("ips")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task Add_PodArgs_SentToDaemonAsMetadataOnly()
    {
        var env = PluginHarness.Env("ADD");
        env["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAME=web";

        var outcome = await _h.RunAsync(env, PluginHarness.Config());

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(("cloudnet", "c1", "eth0"), _h.Daemon.Allocations.Keys);
    }
}
