using System.Runtime.CompilerServices;
using Cloudnet.Testing.Daemon;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>
/// Files of this repository (deploy/, src/). Found from this source file's compile-time path, so
/// it works when the test output lives outside the tree (CLOUDNET_ARTIFACTS); falls back to the
/// test assembly's and the working directory's ancestors.
/// </summary>
public static class RepoFiles
{
    /// <summary>The repository root (the directory holding cloudnet.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>An absolute path from a path relative to the root ("deploy/cni/10-cloudnet.conflist").</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>The text of a repository file.</summary>
    public static string Read(string relative) => File.ReadAllText(Path(relative));

    private static string FindRoot([CallerFilePath] string source = "")
    {
        for (var dir = System.IO.Path.GetDirectoryName(source); !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (File.Exists(System.IO.Path.Combine(dir, "cloudnet.sln")))
            {
                return dir;
            }
        }

        return PublishedBinaries.RepoRoot();
    }
}
