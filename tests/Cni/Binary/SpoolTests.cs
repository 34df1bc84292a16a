using Cloudnet.Testing;
using Cloudnet.Testing.Daemon;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>DEL while the daemon is down tears down from prevResult and spools; the restarted daemon reclaims the address.</summary>
[Collection(CniBinaryGroup.Name)]
public sealed class SpoolTests : IDisposable
{
    private readonly HostNamespace _host = HostNamespace.Create();
    private readonly ThrowawayNamespace _pod = ThrowawayNamespace.Create("cnp");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cnt-spool-");

    [RootFact]
    public async Task Del_DaemonDown_SpoolsAndRestartedDaemonReleases()
    {
        var options = new DaemonProcessOptions
        {
            PoolCidrs = "10.244.9.0/28",
            StateDir = Path.Combine(_dir.FullName, "state"),
            SocketPath = Path.Combine(_dir.FullName, "ipamd.sock"),
        };
        var hostBefore = _host.Snapshot();
        string config, add;
        await using (var daemon = await DaemonProcess.StartAsync(options))
        {
            config = $$"""{"cniVersion":"1.0.0","name":"cloudnet","type":"cloudnet","socketPath":"{{daemon.SocketPath}}","stateDir":"{{daemon.StateDir}}"}""";
            add = _host.Run("ADD", "spooled", _pod.Path, config).Stdout;
            await daemon.StopAsync();
        }

        var del = _host.Run("DEL", "spooled", _pod.Path, DaemonFixture.WithPrev(config, add));

        del.Silent();
        Assert.Equal(hostBefore, _host.Snapshot());
        Assert.Single(Directory.GetFiles(Path.Combine(options.StateDir, "spool"), "release-*.json"));
        await using (var restarted = await DaemonProcess.StartAsync(options))
        {
            using var http = new HttpClient();
            var allocations = await http.GetStringAsync(new Uri(restarted.IntrospectionUri, "v1/allocations"));
            Assert.DoesNotContain("spooled", allocations, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(Path.Combine(options.StateDir, "spool"), "release-*.json"));
        }

    }

    public void Dispose()
    {
        _pod.Dispose();
        _host.Dispose();
        _dir.Delete(recursive: true);
    }
}
