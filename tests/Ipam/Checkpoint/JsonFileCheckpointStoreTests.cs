using System.Runtime.Versioning;
using System.Text;
using Cloudnet.Ipam.Checkpoint;

namespace Cloudnet.Ipam.Tests.Checkpoint;

[UnsupportedOSPlatform("windows")] // file modes
public sealed class JsonFileCheckpointStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CheckpointData Sample() => new()
    {
        Allocations =
        [
            new CheckpointAllocation("k8s-pod-network", "3f2a", "eth0", "10.0.0.5", "eni-1", At, "default", "web-0", "uid-1", "/var/run/netns/cni-1"),
            new CheckpointAllocation("k8s-pod-network", "77bc", "eth0", "fd00::5", "eni-2", At.AddSeconds(1)),
        ],
        Cooling = [new CheckpointCooling("10.0.0.6", "eni-1", At.AddSeconds(30))],
    };

    [Fact]
    public async Task LoadAsync_MissingFileOrDirectory_ReturnsNull()
    {
        Assert.Null(await new JsonFileCheckpointStore(_dir.Combine("ipam.json")).LoadAsync(CancellationToken.None));
        Assert.Null(await new JsonFileCheckpointStore(_dir.Combine("none", "ipam.json")).LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_ThenLoad_RoundTripsEveryField()
    {
        var store = new JsonFileCheckpointStore(_dir.Combine("state", "ipam.json"));

        await store.SaveAsync(Sample(), CancellationToken.None);
        var loaded = await store.LoadAsync(CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(CheckpointData.CurrentVersion, loaded.Version);
        Assert.Equal(Sample().Allocations, loaded.Allocations);
        Assert.Equal(Sample().Cooling, loaded.Cooling);
    }

    [Fact]
    public async Task SaveAsync_NewDirectory_PrivateModesAndNoTempLeft()
    {
        var path = _dir.Combine("state", "ipam.json");
        var store = new JsonFileCheckpointStore(path);

        await store.SaveAsync(Sample(), CancellationToken.None);
        await store.SaveAsync(new CheckpointData(), CancellationToken.None);

        Assert.Equal(["ipam.json"], Directory.GetFiles(_dir.Combine("state")).Select(Path.GetFileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir.Combine("state")));
        Assert.Empty((await store.LoadAsync(CancellationToken.None))!.Allocations);
    }

    [Fact]
    public async Task SaveAsync_WritesDocumentedFieldNames()
    {
        var path = _dir.Combine("ipam.json");

        await new JsonFileCheckpointStore(path).SaveAsync(Sample(), CancellationToken.None);

        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("\"version\": \"cloudnet-ipam/1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"containerId\": \"3f2a\"", text, StringComparison.Ordinal);
        Assert.Contains("\"until\": \"2025-03-04T05:06:37+00:00\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"podName\": null", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_TargetIsDirectory_ThrowsAndRemovesTemp()
    {
        var path = _dir.Combine("ipam.json");
        Directory.CreateDirectory(path);

        await Assert.ThrowsAnyAsync<IOException>(() => new JsonFileCheckpointStore(path).SaveAsync(Sample(), CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task SaveAsync_Cancelled_OldFileIntactAndNoTemp()
    {
        var path = _dir.Combine("ipam.json");
        var store = new JsonFileCheckpointStore(path);
        await store.SaveAsync(Sample(), CancellationToken.None);
        var before = await File.ReadAllBytesAsync(path);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(new CheckpointData(), new CancellationToken(canceled: true)));

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "{ \"version\": \"cloudnet-ipam/1\", \"allocations\": [ { \"networkName\": ", "corrupt or truncated" },
        { "\u0000\u0001garbage", "corrupt or truncated" },
        { "", "corrupt or truncated" },
        { "[]", "not an object" },
        { "{ \"allocations\": [] }", "has no \"version\"" },
        { "{ \"version\": \"cloudnet-ipam/2\", \"shards\": {} }", "written by a newer cloudnet; refusing to start" },
        { "{ \"version\": \"calico-ipam/1\" }", "unknown version \"calico-ipam/1\"" },
        { "{ \"version\": \"cloudnet-ipam/1\", \"allocations\": null }", "corrupt" },
        { "{ \"version\": \"cloudnet-ipam/1\", \"allocations\": [ { \"networkName\": \"n\" } ] }", "corrupt" },
        { "{ \"version\": \"cloudnet-ipam/1\", \"cooling\": [] } trailing", "corrupt" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task LoadAsync_BadFile_ThrowsNamingPathAndLeavesFileUntouched(string content, string expected)
    {
        var path = _dir.Combine("ipam.json");
        var bytes = Encoding.UTF8.GetBytes(content);
        await File.WriteAllBytesAsync(path, bytes);
        var modified = File.GetLastWriteTimeUtc(path);

        var error = await Assert.ThrowsAsync<CheckpointException>(() => new JsonFileCheckpointStore(path).LoadAsync(CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }
}
