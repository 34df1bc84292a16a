using System.Runtime.Versioning;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Spool;
using Cloudnet.Ipam.Tests.Checkpoint;

namespace Cloudnet.Ipam.Tests.Spool;

[UnsupportedOSPlatform("windows")] // file modes
public sealed class ReleaseSpoolTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ReleaseSpool Spool() => new(_dir.Combine("spool"));

    [Fact]
    public void Read_MissingDirectory_IsEmpty()
    {
        Assert.Empty(Spool().Read());
    }

    [Fact]
    public void Write_ThenRead_ReturnsRelease()
    {
        var spool = Spool();

        var path = spool.Write(new AllocationKey("k8s-pod-network", "3f2a", "eth0"), At);

        var entry = Assert.Single(spool.Read());
        Assert.Equal(path, entry.Path);
        Assert.False(entry.IsCorrupt);
        Assert.Equal(new SpooledRelease("k8s-pod-network", "3f2a", "eth0", At), entry.Release);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(spool.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_SameKeyTwice_OneFileWithLatestTime()
    {
        var spool = Spool();
        var key = new AllocationKey("net", "c1", "eth0");

        var first = spool.Write(key, At);
        var second = spool.Write(key, At.AddSeconds(5));

        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(spool.Directory));
        Assert.Equal(At.AddSeconds(5), Assert.Single(spool.Read()).Release!.SpooledAt);
    }

    [Theory]
    [InlineData("net", "c1", "eth1")]
    [InlineData("net", "c2", "eth0")]
    [InlineData("net2", "c1", "eth0")]
    [InlineData("net", "c1e", "th0")] // separators matter
    public void FileNameFor_DifferentKeys_DifferentNames(string network, string container, string ifName)
    {
        var baseline = ReleaseSpool.FileNameFor(new("net", "c1", "eth0"));

        var other = ReleaseSpool.FileNameFor(new(network, container, ifName));

        Assert.NotEqual(baseline, other);
        Assert.Matches("^release-[0-9a-f]{32}\\.json$", other);
    }

    [Fact]
    public void Read_CorruptAndForeignFiles_ReportedNotThrown()
    {
        var spool = Spool();
        var good = spool.Write(new("net", "c1", "eth0"), At);
        var truncated = Path.Combine(spool.Directory, "release-00000000000000000000000000000001.json");
        File.WriteAllText(truncated, "{\"networkName\":\"net\",");
        var misnamed = Path.Combine(spool.Directory, "release-00000000000000000000000000000002.json");
        File.Copy(good, misnamed);
        var empty = Path.Combine(spool.Directory, "release-00000000000000000000000000000003.json");
        File.WriteAllText(empty, "{\"networkName\":\"\",\"containerId\":\"c\",\"ifName\":\"eth0\",\"spooledAt\":\"2025-01-01T00:00:00+00:00\"}");
        File.WriteAllText(Path.Combine(spool.Directory, ".release-x.json.abc.tmp"), "partial");
        File.WriteAllText(Path.Combine(spool.Directory, "README"), "not ours");

        var entries = spool.Read();

        Assert.Equal(4, entries.Count);
        Assert.Equal(good, Assert.Single(entries, e => !e.IsCorrupt).Path);
        Assert.Contains("is corrupt", entries.Single(e => e.Path == truncated).Error, StringComparison.Ordinal);
        Assert.Contains("name does not match its key", entries.Single(e => e.Path == misnamed).Error, StringComparison.Ordinal);
        Assert.Contains("empty network name", entries.Single(e => e.Path == empty).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_HandledEntry_GoneAndRepeatable()
    {
        var spool = Spool();
        var path = spool.Write(new("net", "c1", "eth0"), At);

        spool.Remove(path);
        spool.Remove(path);

        Assert.Empty(spool.Read());
    }

    [Fact]
    public void Remove_PathOutsideSpool_Throws()
    {
        var spool = Spool();
        var outside = _dir.Combine("ipam.json");
        File.WriteAllText(outside, "{}");

        Assert.Throws<ArgumentException>(() => spool.Remove(outside));
        Assert.True(File.Exists(outside));
    }

    [Fact]
    public void Write_EmptyContainerId_Throws()
    {
        Assert.Throws<ArgumentException>(() => Spool().Write(new("net", "", "eth0"), At));
    }

    [Fact]
    public void ForStateDirectory_UsesSpoolSubdirectory()
    {
        var spool = ReleaseSpool.ForStateDirectory(_dir.Path);

        Assert.Equal(_dir.Combine("spool"), spool.Directory);
    }
}
