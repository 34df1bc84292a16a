namespace Cloudnet.Testing.Daemon;

/// <summary>
/// Finds the binaries `make build` publishes to &lt;repo&gt;/out/bin. CLOUDNET_BIN_DIR overrides the
/// directory (a private `dotnet publish -o` while developing).
/// </summary>
public static class PublishedBinaries
{
    /// <summary>The repository root: the first directory above the test assembly holding cloudnet.sln.</summary>
    /// <exception cref="InvalidOperationException">No cloudnet.sln above the test assembly.</exception>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "cloudnet.sln")))
            {
                return dir.FullName;
            }
        }

        // Test output may live outside the tree (CLOUDNET_ARTIFACTS); fall back to the working directory.
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "cloudnet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find cloudnet.sln above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }

    /// <summary>The published binary <paramref name="name"/> (e.g. "cloudnet-ipamd").</summary>
    /// <exception cref="FileNotFoundException">Not published yet; the message says to run make build.</exception>
    public static string Locate(string name)
    {
        var dir = Environment.GetEnvironmentVariable("CLOUDNET_BIN_DIR") is { Length: > 0 } overridden
            ? overridden
            : System.IO.Path.Combine(RepoRoot(), "out", "bin");
        var path = System.IO.Path.Combine(dir, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run `make build` first (make test builds before testing)", path);
    }
}
