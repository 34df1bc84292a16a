using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Spool;
using Cloudnet.Ipamd.Hosting;
using Cloudnet.Ipamd.Tests.Support;
using Grpc.Core;

namespace Cloudnet.Ipamd.Tests.Hosting;

/// <summary>What the daemon does, and refuses to do, when it starts.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("")]
    [InlineData("{\"version\":\"cloudnet-ipam/2\",\"allocations\":[],\"cooling\":[]}")]
    public async Task Start_UnusableCheckpoint_RefusesAndLeavesTheFileByteForByte(string content)
    {
        using var dir = new TempDirectory();
        var options = TestDaemon.DefaultOptions(dir);
        Directory.CreateDirectory(options.StateDir);
        await File.WriteAllTextAsync(options.CheckpointPath, content);
        var before = await File.ReadAllBytesAsync(options.CheckpointPath);

        var ex = await Assert.ThrowsAsync<DaemonStartException>(() => TestDaemon.StartAsync(dir, ownsDir: false, o => o.StateDir = options.StateDir));

        Assert.Contains(options.CheckpointPath, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(options.CheckpointPath));
        Assert.False(File.Exists(options.SocketPath), "no socket may be opened");
    }

    [Fact]
    public async Task Start_SecondDaemonOnSameStateDir_Refused()
    {
        await using var first = await TestDaemon.StartAsync();
        using var other = new TempDirectory();

        var ex = await Assert.ThrowsAsync<DaemonStartException>(() => TestDaemon.StartAsync(other, ownsDir: false, o => o.StateDir = first.StateDir));

        Assert.Contains("ipamd.lock", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(other.Path, "ipamd.sock")));
        await first.Client.AddAsync(Requests.Add("still-serving"));
    }

    [Fact]
    public async Task Start_StaleSocketFile_ReplacedAndServing()
    {
        using var dir = new TempDirectory();
        var socket = dir.Combine("ipamd.sock");
        await File.WriteAllTextAsync(socket, "left behind by a crashed daemon");

        await using var daemon = await TestDaemon.StartAsync(dir, ownsDir: false);
        var reply = await daemon.Client.AddAsync(Requests.Add("c1"));

        Assert.NotEmpty(reply.Address);
        Assert.True(daemon.Logs.Has(Logging.EventIds.StaleSocketRemoved));
    }

    [Fact]
    public async Task Start_Socket_IsOwnerReadWriteOnly()
    {
        await using var daemon = await TestDaemon.StartAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(daemon.Options.SocketPath));
    }

    [Fact]
    public async Task Start_SpooledReleases_AppliedAndSpoolEmptied()
    {
        // An hour's cooldown (the successor copies it): the spooled release must still be cooling
        // when the successor is asked, however slowly a loaded machine starts it.
        await using var first = await TestDaemon.StartAsync(o => o.IPCooldown = TimeSpan.FromHours(1));
        var gone = await first.Client.AddAsync(Requests.Add("gone"));
        await first.Client.AddAsync(Requests.Add("kept"));
        await first.Host.StopAsync(CancellationToken.None);
        new ReleaseSpool(first.Options.SpoolDir).Write(new AllocationKey(Requests.Network, "gone", "eth0"), DateTimeOffset.UtcNow);

        await using var second = await first.StartSuccessorAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await second.Client.CheckAsync(Requests.Check("gone")));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        await second.Client.CheckAsync(Requests.Check("kept"));
        Assert.Empty(new ReleaseSpool(first.Options.SpoolDir).Read());
        var status = await second.Client.StatusAsync(Requests.Status());
        Assert.Equal(1, status.Cooling);
        Assert.NotEqual(gone.Address, (await second.Client.AddAsync(Requests.Add("new"))).Address);
    }

    [Fact]
    public async Task Start_AllocationWhoseNetnsVanished_Released()
    {
        using var netns = new TempDirectory();
        var aliveNs = netns.Combine("alive");
        var deadNs = netns.Combine("dead");
        await File.WriteAllTextAsync(aliveNs, "");
        await File.WriteAllTextAsync(deadNs, "");
        await using var first = await TestDaemon.StartAsync();
        await first.Client.AddAsync(Requests.Add("alive", netns: aliveNs));
        await first.Client.AddAsync(Requests.Add("dead", netns: deadNs));
        await first.Client.AddAsync(Requests.Add("unknown", netns: "/unmounted/netns/dir/x"));
        await first.Host.StopAsync(CancellationToken.None);
        File.Delete(deadNs);

        await using var second = await first.StartSuccessorAsync();

        await second.Client.CheckAsync(Requests.Check("alive"));
        await second.Client.CheckAsync(Requests.Check("unknown"));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await second.Client.CheckAsync(Requests.Check("dead")));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.True(second.Logs.Has(Logging.EventIds.NetnsGoneReleased));
    }

    [Fact]
    public async Task Stop_Graceful_RemovesSocketAndReleasesLock()
    {
        await using var first = await TestDaemon.StartAsync();
        await first.Client.AddAsync(Requests.Add("c1"));

        await first.Host.StopAsync(CancellationToken.None);

        Assert.False(File.Exists(first.Options.SocketPath));
        await using var second = await first.StartSuccessorAsync();
        await second.Client.CheckAsync(Requests.Check("c1"));
    }
}
