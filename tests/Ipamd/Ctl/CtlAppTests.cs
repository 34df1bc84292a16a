using Cloudnet.Ctl;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipamd.Tests.Support;

namespace Cloudnet.Ipamd.Tests.Ctl;

/// <summary>cloudnetctl end to end: against a real daemon's introspection endpoint and real checkpoint files.</summary>
public sealed class CtlAppTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var http = new HttpClient();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CtlApp.RunAsync(args, stdout, stderr, http, TimeProvider.System, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task StatusAllocationsAndLeaks_AgainstRunningDaemon()
    {
        await using var daemon = await TestDaemon.StartAsync();
        await daemon.Client.AddAsync(Requests.Add("ctl-test"));
        var addr = daemon.Host.IntrospectionEndpoint.ToString();

        var status = await RunAsync("status", "--addr", addr);
        var allocations = await RunAsync("allocations", "--addr", addr);
        var json = await RunAsync("allocations", "--addr", addr, "--json");
        var leaks = await RunAsync("leaks", "--addr", addr);

        Assert.Equal(0, status.Code);
        Assert.Contains("ready:          yes", status.Out, StringComparison.Ordinal);
        Assert.Contains("ctl-test", allocations.Out, StringComparison.Ordinal);
        Assert.Contains("\"containerId\":\"ctl-test\"", json.Out, StringComparison.Ordinal);
        Assert.Equal(0, leaks.Code);
    }

    [Fact]
    public async Task Status_NoDaemon_ExitOneWithAHint()
    {
        var (code, _, err) = await RunAsync("status", "--addr", "127.0.0.1:1");

        Assert.Equal(1, code);
        Assert.Contains("cannot reach cloudnet-ipamd at 127.0.0.1:1", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_ValidFile_PrintsAllocationsAndCooling()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("ipam.json");
        await new JsonFileCheckpointStore(path).SaveAsync(new CheckpointData
        {
            Allocations = [new CheckpointAllocation("cloudnet", "abc", "eth0", "10.0.0.5", "local-0", DateTimeOffset.UnixEpoch, "default", "web")],
            Cooling = [new CheckpointCooling("10.0.0.6", "local-0", DateTimeOffset.MaxValue)],
        }, CancellationToken.None);

        var (code, output, _) = await RunAsync("checkpoint", path);

        Assert.Equal(0, code);
        Assert.Contains("valid, format cloudnet-ipam/1, 1 allocation(s), 1 cooling address(es)", output, StringComparison.Ordinal);
        Assert.Contains("default/web", output, StringComparison.Ordinal);
        Assert.Contains("10.0.0.6", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_CorruptFile_ExitOneNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("ipam.json");
        await File.WriteAllTextAsync(path, "{ nope");

        var (code, _, err) = await RunAsync("checkpoint", path);

        Assert.Equal(1, code);
        Assert.Contains($"checkpoint {path} is not valid", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitTwoWithUsage()
    {
        var (code, _, err) = await RunAsync("frob");

        Assert.Equal(2, code);
        Assert.Contains("usage: cloudnetctl", err, StringComparison.Ordinal);
    }
}
