using System.Text.Json;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing.Daemon;

namespace Cloudnet.Ipamd.Tests.Hosting;

/// <summary>The published cloudnet-ipamd as a process: configuration errors, SIGTERM and SIGKILL.</summary>
public sealed class DaemonProcessTests
{
    [Fact]
    public async Task Start_InvalidConfiguration_ExitsNonZeroListingEveryProblemAndOpensNoSocket()
    {
        using var dir = new TempDirectory();
        var options = new DaemonProcessOptions
        {
            PoolCidrs = "10.0.0.0/33",
            StateDir = dir.Combine("state"),
            SocketPath = dir.Combine("ipamd.sock"),
            WaitForReady = false,
        };
        options.Environment["WARM_IP_TARGET"] = "lots";
        options.Environment["CLOUDNET_ADD_WAIT"] = "forever";

        await using var daemon = await DaemonProcess.StartAsync(options);
        var code = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, code);
        Assert.Contains("CLOUDNET_POOL_CIDRS: '10.0.0.0/33' is not a CIDR", daemon.Stderr, StringComparison.Ordinal);
        Assert.Contains("WARM_IP_TARGET: 'lots'", daemon.Stderr, StringComparison.Ordinal);
        Assert.Contains("CLOUDNET_ADD_WAIT: 'forever'", daemon.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(options.SocketPath));
    }

    [Fact]
    public async Task Start_UnknownProvider_ListsTheKnownOnes()
    {
        var options = new DaemonProcessOptions { WaitForReady = false };
        options.Environment["CLOUDNET_PROVIDER"] = "gcp";

        await using var daemon = await DaemonProcess.StartAsync(options);
        var code = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, code);
        Assert.Contains("CLOUDNET_PROVIDER: 'gcp' is not a known provider (known: ", daemon.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_FinishesPersistsAndRemovesTheSocket()
    {
        await using var daemon = await DaemonProcess.StartAsync();
        using var channel = UnixSocketChannel.Create(daemon.SocketPath);
        var client = new Contract.V1.Ipam.IpamClient(channel);
        var added = await client.AddAsync(Requests.Add("term"));

        var code = await daemon.StopAsync();

        Assert.Equal(0, code);
        Assert.False(File.Exists(daemon.SocketPath));
        using var store = new JournaledCheckpointStore(Path.Combine(daemon.StateDir, "ipam.json"));
        var saved = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(added.Address, Assert.Single(saved!.Allocations).Address);
        Assert.Contains("\"EventId\":3003", daemon.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigkill_SuccessorOnSameStateHasEveryAllocationAndCooldown()
    {
        using var dir = new TempDirectory();
        var options = new DaemonProcessOptions { StateDir = dir.Combine("state"), SocketPath = dir.Combine("ipamd.sock") };
        // The longest cooldown there is: the 20 released addresses must still be cooling when the
        // successor has started, however slowly a loaded machine starts it.
        options.Environment["IP_COOLDOWN_PERIOD"] = "3600";
        var live = new Dictionary<string, string>();
        await using (var first = await DaemonProcess.StartAsync(options))
        {
            using var channel = UnixSocketChannel.Create(first.SocketPath);
            var client = new Contract.V1.Ipam.IpamClient(channel);
            for (var i = 0; i < 60; i++)
            {
                live["k" + i] = (await client.AddAsync(Requests.Add("k" + i))).Address;
            }

            for (var i = 0; i < 60; i += 3)
            {
                await client.DelAsync(Requests.Del("k" + i));
                live.Remove("k" + i);
            }

            await first.KillAsync();
            Assert.True(File.Exists(first.SocketPath), "SIGKILL leaves the socket file behind");
        }

        await using var second = await DaemonProcess.StartAsync(options);
        using var http = new HttpClient { BaseAddress = second.IntrospectionUri };
        using var allocations = JsonDocument.Parse(await http.GetStringAsync(new Uri("v1/allocations", UriKind.Relative)));
        using var pool = JsonDocument.Parse(await http.GetStringAsync(new Uri("v1/pool", UriKind.Relative)));

        var restored = allocations.RootElement.EnumerateArray()
            .ToDictionary(a => a.GetProperty("containerId").GetString()!, a => a.GetProperty("address").GetString()!);
        Assert.Equal(live, restored);
        Assert.Equal(20, pool.RootElement.GetProperty("cooling").GetInt32());
    }
}
