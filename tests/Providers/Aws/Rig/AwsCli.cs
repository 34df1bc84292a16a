using System.Diagnostics;
using System.Runtime.CompilerServices;
using Cloudnet.Testing.Daemon;

namespace Cloudnet.Providers.Aws.Tests.Rig;

/// <summary>Finds the AWS CLI and the init script, and runs the script with a chosen environment.</summary>
internal static class AwsCli
{
    /// <summary>The first executable <c>aws</c> on PATH, or null.</summary>
    public static string? Path { get; } = Find("aws");

    /// <summary>localstack/init/ready.d/10-cloudnet-rig.sh in this checkout.</summary>
    public static string InitScript => System.IO.Path.Combine(RepoRoot(), "localstack", "init", "ready.d", "10-cloudnet-rig.sh");

    /// <summary>
    /// Runs <paramref name="script"/> with bash and the environment of this process changed by
    /// <paramref name="environment"/> (a null value removes the variable); killed on cancellation.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string script, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start bash {script}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, name))
            .FirstOrDefault(path => !OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0);

    /// <summary>The checkout: above the test assembly, or (when the build output lives elsewhere,
    /// CLOUDNET_ARTIFACTS) above this source file.</summary>
    private static string RepoRoot()
    {
        try
        {
            return PublishedBinaries.RepoRoot();
        }
        catch (InvalidOperationException)
        {
            for (var dir = new FileInfo(SourceFile()).Directory; dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "cloudnet.sln")))
                {
                    return dir.FullName;
                }
            }

            throw;
        }
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
