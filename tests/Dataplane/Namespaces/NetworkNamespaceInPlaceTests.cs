using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Namespaces;

/// <summary><see cref="NetworkNamespace.OpenNetlinkOnCallingThread"/>: the socket lands in the namespace, the thread does not stay there.</summary>
[Collection(ThreadCensus.Name)]
public sealed class NetworkNamespaceInPlaceTests
{
    [RootFact]
    public void OpenNetlinkOnCallingThread_DedicatedThread_SocketInsideThreadBackHome()
    {
        using var pod = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(pod.Path);
        pod.Ip("link", "add", "cntinplace0", "type", "veth", "peer", "name", "cntinplace1").EnsureSuccess();
        ulong before = 0, after = 0;
        IReadOnlyList<string> links = [];

        // A thread of our own, as the CNI binary's main thread is; xunit's may be pool threads.
        var thread = new Thread(() =>
        {
            before = NetworkNamespace.CurrentThreadInode();
            using var netlink = ns.OpenNetlinkOnCallingThread();
            after = NetworkNamespace.CurrentThreadInode();
            links = [.. netlink.ListLinks().Select(l => l.Name).Order(StringComparer.Ordinal)];
        });
        thread.Start();
        thread.Join();

        Assert.Equal(before, after);
        Assert.NotEqual(ns.Inode, after);
        Assert.Equal(["cntinplace0", "cntinplace1", "lo"], links);
    }

    [RootFact]
    public async Task OpenNetlinkOnCallingThread_ThreadPoolThread_RefusesAndStaysHome()
    {
        using var pod = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(pod.Path);

        var (error, inode) = await Task.Run(() =>
        {
            var refused = Record.Exception(() => ns.OpenNetlinkOnCallingThread());
            return (refused, NetworkNamespace.CurrentThreadInode());
        });

        Assert.IsType<InvalidOperationException>(error);
        Assert.NotEqual(ns.Inode, inode);
    }
}
