using System.Diagnostics;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>Renders deploy/kubernetes overlays with the real kustomize built into kubectl (`kubectl kustomize DIR`: local files only, no cluster).</summary>
public static class Kustomize
{
    /// <summary>The overlays a user applies, under deploy/kubernetes/overlays.</summary>
    public static TheoryData<string> Overlays => ["aws", "baremetal", "local"];

    /// <summary>kubectl on PATH, or null.</summary>
    public static string? Kubectl { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "kubectl"))
        .FirstOrDefault(File.Exists);

    /// <summary>Why the overlay tests are skipped, or null when kubectl is there.</summary>
    public static string? SkipReason => Kubectl is null ? "kubectl is not on PATH: the overlays cannot be rendered (kubectl kustomize)" : null;

    private static readonly Dictionary<string, Manifests> Cache = new(StringComparer.Ordinal);

    /// <summary>The rendered and parsed overlay (cached: rendering takes a fraction of a second each).</summary>
    public static Manifests Overlay(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var manifests))
            {
                manifests = Manifests.Parse(Render(RepoFiles.Path($"deploy/kubernetes/overlays/{name}")), $"overlay {name}");
                Cache[name] = manifests;
            }

            return manifests;
        }
    }

    /// <summary>`kubectl kustomize <paramref name="directory"/>`'s output.</summary>
    public static string Render(string directory)
    {
        var kubectl = Kubectl ?? throw new InvalidOperationException(SkipReason);
        var start = new ProcessStartInfo(kubectl, ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {stderr}");
    }
}
