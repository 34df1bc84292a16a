using Cloudnet.Ipam.Checkpoint;

namespace Cloudnet.Ipam.Tests.Checkpoint;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Fsync_ExistingDirectory_Succeeds()
    {
        DirectorySync.Fsync(_dir.Path);
    }

    [Fact]
    public void Fsync_MissingDirectory_ThrowsNamingDirectoryAndErrno()
    {
        var missing = _dir.Combine("missing");

        var error = Assert.Throws<IOException>(() => DirectorySync.Fsync(missing));

        Assert.Contains($"open of directory '{missing}' failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("errno 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fsync_RegularFile_ThrowsNotADirectory()
    {
        var file = _dir.Combine("file");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<IOException>(() => DirectorySync.Fsync(file));

        Assert.Contains("errno 20", error.Message, StringComparison.Ordinal); // ENOTDIR: O_DIRECTORY took effect
    }
}
