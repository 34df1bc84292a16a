using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;

namespace Cloudnet.Dataplane.Namespaces;

/// <summary>Opening a socket inside the namespace from the calling thread, without a dedicated thread.</summary>
public sealed partial class NetworkNamespace
{
    private const string ThreadSelfNetPath = "/proc/thread-self/ns/net";

    /// <summary>
    /// Opens a netlink socket inside this namespace by moving the calling thread in and straight
    /// back out around socket(2) — the same socket as <see cref="OpenNetlink"/>, without starting a
    /// thread (which costs a thread start and a scheduling round trip per call on a busy node).
    /// Nothing else runs on the thread while it is inside: no await, no callback, no other code.
    /// For threads that are not thread-pool threads only (the short-lived CNI binary's main thread);
    /// if the switch back fails the process is ended at once, because every later call on the
    /// thread would silently act on the wrong namespace.
    /// </summary>
    /// <param name="receiveTimeout">How long to wait for a kernel reply; default <see cref="NetlinkSocket.DefaultReceiveTimeout"/>.</param>
    /// <exception cref="InvalidOperationException">Called on a thread-pool thread.</exception>
    /// <exception cref="NetworkNamespaceException">The calling thread's namespace cannot be opened or setns into this one failed (nothing changed).</exception>
    public NetlinkSocket OpenNetlinkOnCallingThread(TimeSpan? receiveTimeout = null)
    {
        ObjectDisposedException.ThrowIf(_fd.IsClosed, this);
        if (Thread.CurrentThread.IsThreadPoolThread)
        {
            throw new InvalidOperationException(
                $"open a netlink socket in {Path}: a thread-pool thread must never switch namespace; use {nameof(OpenNetlink)}");
        }

        var raw = Libc.Open(ThreadSelfNetPath, Libc.ORdonly | Libc.OCloexec);
        if (raw < 0)
        {
            throw new NetworkNamespaceException("open network namespace", ThreadSelfNetPath, Libc.LastErrno);
        }

        using var home = new SafeFd(raw);
        Enter();
        try
        {
            return NetlinkSocket.Open(receiveTimeout);
        }
        finally
        {
            if (Libc.SetNs(home, Libc.CloneNewNet) != 0)
            {
                Environment.FailFast($"setns back from network namespace {Path} failed (errno {Libc.LastErrno}); the thread would act on the wrong namespace");
            }
        }
    }
}
