using Xunit;

namespace Cloudnet.Dataplane.Tests.Namespaces;

/// <summary>
/// Tests that inspect every thread of the process run alone: other tests' namespace threads
/// would otherwise show up in the census.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadCensus
{
    public const string Name = "thread census";

    /// <summary>The namespace inode of every thread of this process, from /proc/self/task/*/ns/net.</summary>
    public static IReadOnlyList<(string Tid, string Namespace)> Threads() =>
        Directory.EnumerateDirectories("/proc/self/task")
            .Select(task => (Path.GetFileName(task), new FileInfo(Path.Combine(task, "ns", "net")).LinkTarget))
            .Where(thread => thread.LinkTarget is not null)
            .Select(thread => (thread.Item1, thread.LinkTarget!))
            .ToList();
}
