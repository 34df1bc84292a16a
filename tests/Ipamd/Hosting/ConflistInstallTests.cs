using System.Text.Json;
using System.Text.Json.Nodes;
using Cloudnet.Ipamd.Hosting;
using Cloudnet.Ipamd.Logging;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.State;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Ipamd.Tests.Hosting;

/// <summary>The daemon installs its conflist into CLOUDNET_CNI_CONF_DIR once it is ready, never before, and keeps it.</summary>
public sealed class ConflistInstallTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ConflistInstallTests()
    {
        Directory.CreateDirectory(ConfDir);
    }

    private string ConfDir => _dir.Combine("net.d");

    private string Conflist => Path.Combine(ConfDir, "10-cloudnet.conflist");

    public void Dispose() => _dir.Dispose();

    private static JsonNode CloudnetPlugin(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["plugins"]!.AsArray().Single(p => (string?)p!["type"] == "cloudnet")!;

    private string[] Leftovers() => [.. Directory.EnumerateFiles(ConfDir, "*.tmp")];

    [Fact]
    public async Task Start_ConfDirSet_ConflistOnlyOnceReady_WithTheDaemonsSocketAndStateDir()
    {
        // The cloud's describe (start-up reconciliation) waits on a clock the test holds.
        var clock = new FakeTimeProvider();
        var cloud = new FakeCloudProvider(time: clock);
        cloud.SetDelay(TimeSpan.FromMinutes(1), FakeCloudOperations.Describe);
        var lockFile = _dir.Combine("state", "ipamd.lock");

        var starting = TestDaemon.StartAsync(_dir, ownsDir: false, o => { o.Provider = "fake"; o.CniConfDir = ConfDir; }, FakeProviders.Registry(cloud));
        await Eventually.TrueAsync(() => File.Exists(lockFile) || starting.IsCompleted, "the daemon to begin its start-up");
        Assert.False(starting.IsCompleted, "start-up should wait for the cloud's describe");
        Assert.False(File.Exists(Conflist), "the conflist must not be there while the daemon is starting");
        cloud.ClearFaults(); // start-up may describe more than once; only the held one waits
        await Eventually.TrueAsync(() => starting.IsCompleted, "the start-up to finish once the describe returns", step: () => clock.Advance(TimeSpan.FromMinutes(1)));
        await using var daemon = await starting;

        Assert.True(daemon.Get<DaemonState>().IsReady);
        var plugin = CloudnetPlugin(Conflist);
        Assert.Equal(daemon.Options.SocketPath, (string?)plugin["socketPath"]);
        Assert.Equal(daemon.StateDir, (string?)plugin["stateDir"]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Conflist));
        Assert.True(daemon.Logs.Has(EventIds.ConflistInstalled));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task Restart_SameContent_NothingRewritten_AndStopKeepsTheConflist()
    {
        await using (await TestDaemon.StartAsync(_dir, ownsDir: false, o => o.CniConfDir = ConfDir))
        {
        }

        Assert.True(File.Exists(Conflist), "a stopped daemon leaves the conflist: pods' DELs still need the binary");
        File.SetLastWriteTimeUtc(Conflist, DateTime.UnixEpoch);

        await using var second = await TestDaemon.StartAsync(_dir, ownsDir: false, o => o.CniConfDir = ConfDir);

        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(Conflist));
        Assert.True(second.Logs.Has(EventIds.ConflistUnchanged));
        Assert.False(second.Logs.Has(EventIds.ConflistInstalled));
    }

    [Fact]
    public async Task Start_TargetCannotBeWritten_DaemonServesAndRetriesUntilItCan()
    {
        Directory.CreateDirectory(Conflist); // rename(2) over a directory fails after the temporary file is written

        await using var daemon = await TestDaemon.StartAsync(_dir, ownsDir: false, o => o.CniConfDir = ConfDir);

        Assert.True(daemon.Get<DaemonState>().IsReady, "a failed conflist write must not make the daemon unready");
        Assert.True(daemon.Logs.Has(EventIds.ConflistInstallFailed));
        Assert.NotNull(await daemon.Client.AddAsync(Requests.Add("served")));
        Assert.Empty(Leftovers());
        Directory.Delete(Conflist);
        await Eventually.TrueAsync(() => File.Exists(Conflist), "the retry to install the conflist", TimeSpan.FromSeconds(60));
        Assert.Equal(daemon.Options.SocketPath, (string?)CloudnetPlugin(Conflist)["socketPath"]);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task Start_ConfDirMissing_RefusedNamingTheVariable()
    {
        var missing = _dir.Combine("no-such-dir");

        var ex = await Assert.ThrowsAsync<DaemonStartException>(() => TestDaemon.StartAsync(_dir, ownsDir: false, o => o.CniConfDir = missing));

        Assert.Contains($"CLOUDNET_CNI_CONF_DIR: directory '{missing}' does not exist", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("ipamd.sock")));
    }

    [Fact]
    public async Task Start_NoConfDir_NothingInstalled()
    {
        await using var daemon = await TestDaemon.StartAsync(_dir, ownsDir: false);

        Assert.Empty(Directory.EnumerateFileSystemEntries(ConfDir));
        Assert.False(daemon.Logs.Has(EventIds.ConflistInstalled) || daemon.Logs.Has(EventIds.ConflistUnchanged));
    }

    [Fact]
    public async Task Config_ShowsBothVariables()
    {
        var source = _dir.Combine("20-own.conflist");
        await File.WriteAllTextAsync(source, """{ "cniVersion": "1.0.0", "name": "own", "plugins": [ { "type": "cloudnet" } ] }""");
        await using var daemon = await TestDaemon.StartAsync(_dir, ownsDir: false, o => { o.CniConfDir = ConfDir; o.CniConflist = source; });

        using var config = JsonDocument.Parse(await daemon.Http.GetStringAsync(new Uri("/v1/config", UriKind.Relative)));

        Assert.Equal(ConfDir, config.RootElement.GetProperty("cniConfDir").GetString());
        Assert.Equal(source, config.RootElement.GetProperty("cniConflist").GetString());
        Assert.True(File.Exists(Path.Combine(ConfDir, "20-own.conflist")));
    }
}
