using System.Text.Json.Nodes;
using Cloudnet.Ctl;
using Cloudnet.Ctl.Install;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Ipamd.Tests.Deploy;

namespace Cloudnet.Ipamd.Tests.Ctl;

/// <summary>`cloudnetctl install-cni` end to end, into temporary directories standing in for /opt/cni/bin and /etc/cni/net.d.</summary>
public sealed class InstallCniTests : IDisposable
{
    private static readonly byte[] Binary = [0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3, 4, 5];
    private readonly TempDirectory _dir = new();

    public InstallCniTests()
    {
        Directory.CreateDirectory(BinDir);
        Directory.CreateDirectory(ConfDir);
        File.WriteAllBytes(SourceBinary, Binary);
    }

    private string BinDir => _dir.Combine("opt-cni-bin");

    private string ConfDir => _dir.Combine("etc-cni-net.d");

    private string SourceBinary => _dir.Combine("cloudnet-src");

    private string InstalledBinary => Path.Combine(BinDir, "cloudnet");

    private string InstalledConflist => Path.Combine(ConfDir, "10-cloudnet.conflist");

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> InstallAsync(params string[] extra)
    {
        using var http = new HttpClient();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["install-cni", "--binary", SourceBinary, "--bin-dir", BinDir, "--conf-dir", ConfDir, .. extra];
        var code = await CtlApp.RunAsync(args, stdout, stderr, http, TimeProvider.System, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string[] Leftovers() => [.. Directory.EnumerateFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories)];

    [Fact]
    public async Task InstallCni_EmptyDirs_BinaryExecutableAndShippedConflist()
    {
        var (code, output, _) = await InstallAsync();

        Assert.Equal(0, code);
        Assert.Equal(Binary, await File.ReadAllBytesAsync(InstalledBinary));
        Assert.Equal(CniInstaller.BinaryMode, File.GetUnixFileMode(InstalledBinary));
        var shipped = await File.ReadAllBytesAsync(RepoFiles.Path("deploy/cni/10-cloudnet.conflist"));
        Assert.Equal(shipped, await File.ReadAllBytesAsync(InstalledConflist));
        Assert.Equal(CniInstaller.ConflistMode, File.GetUnixFileMode(InstalledConflist));
        Assert.Contains($"installed {InstalledBinary} ({Binary.Length} bytes)", output, StringComparison.Ordinal);
        Assert.Contains($"installed {InstalledConflist}", output, StringComparison.Ordinal);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task InstallCni_SecondRun_WritesNothing()
    {
        await InstallAsync();
        var written = (File.GetLastWriteTimeUtc(InstalledBinary), File.GetLastWriteTimeUtc(InstalledConflist));
        File.SetLastWriteTimeUtc(InstalledBinary, DateTime.UnixEpoch);
        File.SetLastWriteTimeUtc(InstalledConflist, DateTime.UnixEpoch);

        var (code, output, _) = await InstallAsync();

        Assert.Equal(0, code);
        Assert.Equal($"unchanged {InstalledBinary}\nunchanged {InstalledConflist}\n", output);
        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(InstalledBinary));
        Assert.Equal(DateTime.UnixEpoch, File.GetLastWriteTimeUtc(InstalledConflist));
        Assert.NotEqual(default, written);
    }

    [Fact]
    public async Task InstallCni_OlderBinaryOrWrongMode_Replaced()
    {
        await File.WriteAllBytesAsync(InstalledBinary, [1, 2, 3]);
        await InstallAsync();
        File.SetUnixFileMode(InstalledBinary, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (code, output, _) = await InstallAsync();

        Assert.Equal(0, code);
        Assert.StartsWith($"installed {InstalledBinary}", output, StringComparison.Ordinal);
        Assert.Equal(Binary, await File.ReadAllBytesAsync(InstalledBinary));
        Assert.Equal(CniInstaller.BinaryMode, File.GetUnixFileMode(InstalledBinary));
    }

    [Fact]
    public async Task InstallCni_SocketAndStateDir_WrittenIntoTheCloudnetPluginOnly()
    {
        var (code, _, _) = await InstallAsync("--socket", "/run/cn/other.sock", "--state-dir=/var/lib/cn-other");

        Assert.Equal(0, code);
        var list = JsonNode.Parse(await File.ReadAllTextAsync(InstalledConflist))!;
        var plugins = list["plugins"]!.AsArray();
        var cloudnet = plugins.Single(p => (string?)p!["type"] == "cloudnet")!;
        Assert.Equal("/run/cn/other.sock", (string?)cloudnet["socketPath"]);
        Assert.Equal("/var/lib/cn-other", (string?)cloudnet["stateDir"]);
        Assert.Equal("cnet", (string?)cloudnet["vethPrefix"]);
        Assert.Equal(["cloudnet", "portmap", "bandwidth"], plugins.Select(p => (string?)p!["type"]));
        Assert.Equal("1.0.0", (string?)list["cniVersion"]);
    }

    [Fact]
    public async Task InstallCni_ConflistTargetCannotBeReplaced_ExitOneAndNoTemporaryFileLeft()
    {
        Directory.CreateDirectory(InstalledConflist); // rename(2) over a directory fails after the temporary file is written

        var (code, _, err) = await InstallAsync();

        Assert.Equal(1, code);
        Assert.Contains($"cannot install {InstalledConflist}", err, StringComparison.Ordinal);
        Assert.Empty(Leftovers());
        Assert.Equal([InstalledConflist], Directory.EnumerateFileSystemEntries(ConfDir));
    }

    [Theory]
    [InlineData("{ \"plugins\": [", "is not valid JSON")]
    [InlineData("{ \"cniVersion\": \"1.0.0\", \"plugins\": [ { \"type\": \"bridge\" } ] }", "has no plugin of type \"cloudnet\"")]
    [InlineData("{ \"type\": \"cloudnet\" }", "has no \"plugins\" array")]
    public async Task InstallCni_BadConflist_RejectedNamingItAndGoodFilesUntouched(string text, string expected)
    {
        await InstallAsync();
        var good = await File.ReadAllBytesAsync(InstalledConflist);
        await File.WriteAllBytesAsync(InstalledBinary, [9, 9, 9]);
        var bad = _dir.Combine("10-cloudnet.conflist");
        await File.WriteAllTextAsync(bad, text);

        var (code, _, err) = await InstallAsync("--conflist", bad);

        Assert.Equal(1, code);
        Assert.Contains($"conflist {bad} {expected}", err, StringComparison.Ordinal);
        Assert.Equal(good, await File.ReadAllBytesAsync(InstalledConflist));
        Assert.Equal([9, 9, 9], await File.ReadAllBytesAsync(InstalledBinary)); // checked before anything is written
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task InstallCni_MissingSourceBinary_ExitOneNamingItAndNothingWritten()
    {
        File.Delete(SourceBinary);

        var (code, _, err) = await InstallAsync();

        Assert.Equal(1, code);
        Assert.Contains($"source binary {SourceBinary} does not exist (--binary)", err, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(BinDir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(ConfDir));
    }

    [Fact]
    public async Task InstallCni_MissingTargetDirectory_ExitOneNamingIt()
    {
        Directory.Delete(ConfDir);

        var (code, _, err) = await InstallAsync();

        Assert.Equal(1, code);
        Assert.Contains($"target directory {ConfDir} does not exist (--conf-dir)", err, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(BinDir));
    }

    [Theory]
    [InlineData("--socket", "run/ipamd.sock", "--socket 'run/ipamd.sock' must be an absolute path")]
    [InlineData("--state-dir", "var/lib/cloudnet", "--state-dir 'var/lib/cloudnet' must be an absolute path")]
    public async Task InstallCni_RelativeOverride_Rejected(string flag, string value, string expected)
    {
        var (code, _, err) = await InstallAsync(flag, value);

        Assert.Equal(1, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(BinDir));
    }

    [Fact]
    public async Task InstallCni_SkipConflist_BinaryOnlyAndConfDirNeverLookedAt()
    {
        Directory.Delete(ConfDir);
        string[] args = ["install-cni", "--skip-conflist", "--binary", SourceBinary, "--bin-dir", BinDir];
        var stdout = new StringWriter();
        using var http = new HttpClient();

        var code = await CtlApp.RunAsync(args, stdout, new StringWriter(), http, TimeProvider.System, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal($"installed {InstalledBinary} ({Binary.Length} bytes)\n", stdout.ToString());
        Assert.Equal(Binary, await File.ReadAllBytesAsync(InstalledBinary));
        Assert.False(Directory.Exists(ConfDir));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task InstallCni_SkipConflist_MissingBinDir_ExitOneNamingIt()
    {
        Directory.Delete(BinDir);
        string[] args = ["install-cni", "--skip-conflist", "--binary", SourceBinary, "--bin-dir", BinDir];
        var stderr = new StringWriter();
        using var http = new HttpClient();

        var code = await CtlApp.RunAsync(args, new StringWriter(), stderr, http, TimeProvider.System, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains($"target directory {BinDir} does not exist (--bin-dir)", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallCni_SocketPathTooLong_Rejected()
    {
        var (code, _, err) = await InstallAsync("--socket", "/run/" + new string('s', 120));

        Assert.Equal(1, code);
        Assert.Contains("is longer than 107 bytes", err, StringComparison.Ordinal);
    }
}
