using System.Text.Json.Nodes;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing.Daemon;

namespace Cloudnet.Ipamd.Tests.Hosting;

/// <summary>The published (trimmed) cloudnet-ipamd with CLOUDNET_CNI_CONF_DIR: the built-in conflist, written once ready, kept, not rewritten.</summary>
public sealed class ConflistProcessTests
{
    private const string InstalledEvent = "\"EventId\":3013";
    private const string UnchangedEvent = "\"EventId\":3014";

    private static async Task<bool> IsReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(DaemonProcess daemon, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            Assert.True(daemon.IsRunning, $"the daemon exited while waiting for {what}.\nstderr:\n{daemon.Stderr}\nstdout:\n{daemon.Stdout}");
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}.\nstdout:\n{daemon.Stdout}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Start_ConfDirSet_ConflistOnlyOnceReady_KeptOnStop_RestartRewritesNothing()
    {
        using var dir = new TempDirectory();
        var confDir = dir.Combine("net.d");
        Directory.CreateDirectory(confDir);
        var conflist = Path.Combine(confDir, "10-cloudnet.conflist");
        var options = new DaemonProcessOptions { StateDir = dir.Combine("state"), SocketPath = dir.Combine("ipamd.sock"), WaitForReady = false };
        options.Environment["CLOUDNET_CNI_CONF_DIR"] = confDir;

        await using (var first = await DaemonProcess.StartAsync(options))
        {
            // Not 5 s: a loaded machine may take that long to answer, and a timeout here is an error, not "not ready".
            using var http = new HttpClient { BaseAddress = first.IntrospectionUri, Timeout = TimeSpan.FromSeconds(60) };
            await WaitForAsync(first, () => File.Exists(conflist), "the conflist");

            // The file was seen first: a daemon that wrote it before it was ready would answer not ready here.
            Assert.True(await IsReadyAsync(http), "the conflist appeared before /readyz answered ready");
            var plugin = JsonNode.Parse(await File.ReadAllTextAsync(conflist))!["plugins"]!.AsArray().Single(p => (string?)p!["type"] == "cloudnet")!;
            Assert.Equal(first.SocketPath, (string?)plugin["socketPath"]);
            Assert.Equal(first.StateDir, (string?)plugin["stateDir"]);
            await WaitForAsync(first, () => first.Stdout.Contains(InstalledEvent, StringComparison.Ordinal), "the installed event");
            Assert.Equal(0, await first.StopAsync());
        }

        Assert.True(File.Exists(conflist), "a stopped daemon keeps the conflist: pods' DELs still need the binary");
        File.SetLastWriteTimeUtc(conflist, DateTime.UnixEpoch);
        var content = await File.ReadAllBytesAsync(conflist);

        await using var second = await DaemonProcess.StartAsync(options);
        await WaitForAsync(second, () => second.Stdout.Contains(UnchangedEvent, StringComparison.Ordinal), "the unchanged event");

        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(conflist));
        Assert.Equal(content, await File.ReadAllBytesAsync(conflist));
        Assert.DoesNotContain(InstalledEvent, second.Stdout, StringComparison.Ordinal);
        Assert.Equal([conflist], Directory.EnumerateFileSystemEntries(confDir));
    }

    [Fact]
    public async Task Start_BadConflistVariables_ExitsNamingThemAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var options = new DaemonProcessOptions { StateDir = dir.Combine("state"), SocketPath = dir.Combine("ipamd.sock"), WaitForReady = false };
        options.Environment["CLOUDNET_CNI_CONF_DIR"] = "etc/cni/net.d";
        options.Environment["CLOUDNET_CNI_CONFLIST"] = dir.Combine("missing.conflist");

        await using var daemon = await DaemonProcess.StartAsync(options);
        var code = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, code);
        Assert.Contains("CLOUDNET_CNI_CONF_DIR: 'etc/cni/net.d' is not an absolute path", daemon.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(options.SocketPath));
    }
}
