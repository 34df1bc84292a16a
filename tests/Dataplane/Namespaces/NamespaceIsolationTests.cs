using System.Collections.Concurrent;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Namespaces;

/// <summary>
/// The proof that namespace work never leaks into async code: many concurrent async flows
/// interleave awaits with work inside two namespaces, and every piece of code records the
/// namespace of the OS thread it actually ran on.
/// </summary>
[Collection(ThreadCensus.Name)]
public sealed class NamespaceIsolationTests
{
    private const int Flows = 64;
    private const int StepsPerFlow = 20;

    [RootFact]
    public async Task ConcurrentAsyncFlows_InterleavedWithNamespaceWork_NeverRunInTheWrongNamespace()
    {
        using var podA = ThrowawayNamespace.Create();
        using var podB = ThrowawayNamespace.Create();
        using var a = NetworkNamespace.Open(podA.Path);
        using var b = NetworkNamespace.Open(podB.Path);
        var home = NetworkNamespace.CurrentThreadInode();
        var wrong = new ConcurrentBag<string>();
        var observations = 0;

        void Check(ulong expected, string where)
        {
            Interlocked.Increment(ref observations);
            var actual = NetworkNamespace.CurrentThreadInode();
            if (actual != expected)
            {
                wrong.Add($"{where}: thread {Environment.CurrentManagedThreadId} in net:[{actual}], expected net:[{expected}]");
            }
        }

        async Task Flow(int flow)
        {
            var target = flow % 2 == 0 ? a : b;
            for (var step = 0; step < StepsPerFlow; step++)
            {
                Check(home, $"flow {flow} step {step} before");
                var inside = await target.RunAsync(NetworkNamespace.CurrentThreadInode, CancellationToken.None);
                Check(home, $"flow {flow} step {step} continuation of RunAsync");
                Assert.Equal(target.Inode, inside);
                await Task.Yield();
                Check(home, $"flow {flow} step {step} after yield");
                // Synchronous Run from a pool thread, as the CNI binary does it.
                Assert.Equal(target.Inode, target.Run(NetworkNamespace.CurrentThreadInode));
                Check(home, $"flow {flow} step {step} after Run");
                await Task.Delay(step % 3, CancellationToken.None);
                Check(home, $"flow {flow} step {step} after delay");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Flows).Select(flow => Task.Run(() => Flow(flow))));

        // Every pool thread that ran a continuation is still at home...
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Check(home, $"pool probe {i}"))));
        Assert.Empty(wrong);
        Assert.Equal(Flows * StepsPerFlow * 5 + 200, observations);
        // ...and no thread of the process is left in either namespace.
        var leftInside = ThreadCensus.Threads()
            .Where(thread => thread.Namespace == $"net:[{a.Inode}]" || thread.Namespace == $"net:[{b.Inode}]")
            .ToList();
        Assert.Empty(leftInside);
    }
}
