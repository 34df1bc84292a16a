using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Namespaces;

[Collection(ThreadCensus.Name)]
public sealed class NetworkNamespaceTests
{
    [RootFact]
    public void Run_InsideNamespace_SeesItsInode_CallerUnchanged()
    {
        using var pod = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(pod.Path);
        var before = NetworkNamespace.CurrentThreadInode();

        var inside = ns.Run(NetworkNamespace.CurrentThreadInode);

        Assert.Equal(ns.Inode, inside);
        Assert.NotEqual(before, inside);
        Assert.Equal(before, NetworkNamespace.CurrentThreadInode());
    }

    [RootFact]
    public void Run_WorkThrows_RethrowsOnCaller()
    {
        using var pod = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(pod.Path);

        var error = Assert.Throws<InvalidOperationException>(() => ns.Run(() => throw new InvalidOperationException("boom")));

        Assert.Equal("boom", error.Message);
    }

    [RootFact]
    public void OpenNetlink_InsideNamespace_SocketStaysBoundThere()
    {
        using var pod = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(pod.Path);
        using var netlink = ns.OpenNetlink();

        var links = netlink.ListLinks();

        Assert.Equal(["lo"], links.Select(link => link.Name));
    }

    [Fact]
    public void OpenCurrent_IsTheProcessNamespace()
    {
        using var current = NetworkNamespace.OpenCurrent();

        Assert.Equal(NetworkNamespace.CurrentThreadInode(), current.Inode);
        Assert.Equal(NetworkNamespace.CurrentPath, current.Path);
    }

    [Fact]
    public void TryOpen_MissingPath_ReturnsNull_OpenThrowsEnoent()
    {
        const string missing = "/run/netns/cnt-does-not-exist";

        Assert.Null(NetworkNamespace.TryOpen(missing));
        var error = Assert.Throws<NetworkNamespaceException>(() => NetworkNamespace.Open(missing));
        Assert.Equal((Errno.ENOENT, missing), (error.Errno, error.Path));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileThatIsNoNamespace_Throws()
    {
        var error = Assert.Throws<NetworkNamespaceException>(() => NetworkNamespace.Open("/proc/self/status"));

        Assert.Contains("not a network namespace", error.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task RunAsync_CompletesOnCallerNamespace()
    {
        using var pod = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(pod.Path);
        var home = NetworkNamespace.CurrentThreadInode();

        var inside = await ns.RunAsync(NetworkNamespace.CurrentThreadInode, CancellationToken.None);

        Assert.Equal(ns.Inode, inside);
        Assert.Equal(home, NetworkNamespace.CurrentThreadInode());
    }

    [RootFact]
    public async Task RunAsync_CancelledBeforeStart_DoesNotRun()
    {
        using var pod = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(pod.Path);
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ns.RunAsync(() => ran = true, new CancellationToken(canceled: true)));

        Assert.False(ran);
    }
}
