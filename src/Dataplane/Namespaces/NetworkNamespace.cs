using System.Globalization;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;

namespace Cloudnet.Dataplane.Namespaces;

/// <summary>
/// An open handle to a network namespace (a /proc/PID/ns/net or /var/run/netns/NAME file).
/// </summary>
/// <remarks>
/// setns(2) changes the namespace of the calling OS thread only, and an <c>await</c> may resume
/// on another thread — so no code here ever switches a thread-pool thread. Work inside the
/// namespace runs on a dedicated thread that enters it, runs synchronously and then exits,
/// taking the namespace with it (<see cref="Run{T}(Func{T})"/>). A netlink socket opened there
/// (<see cref="OpenNetlink"/>) stays bound to the namespace for its whole life and can then be
/// used from any thread, async code included. See containernetworking/plugins pkg/ns/README.md
/// for the same problem in Go.
/// </remarks>
public sealed partial class NetworkNamespace : IDisposable
{
    /// <summary>The namespace of the process (of its main thread), which cloudnet never leaves.</summary>
    public const string CurrentPath = "/proc/self/ns/net";

    private const string ThreadSelfPath = "/proc/thread-self/ns/net";

    private readonly SafeFd _fd;

    private NetworkNamespace(SafeFd fd, string path, ulong inode)
    {
        _fd = fd;
        Path = path;
        Inode = inode;
    }

    /// <summary>The path it was opened from.</summary>
    public string Path { get; }

    /// <summary>The namespace's inode number: equal inodes mean the same namespace.</summary>
    public ulong Inode { get; }

    /// <summary>Opens the namespace at <paramref name="path"/>.</summary>
    /// <exception cref="NetworkNamespaceException">The path does not exist (Errno ENOENT) or is not a network namespace.</exception>
    public static NetworkNamespace Open(string path) =>
        TryOpen(path) ?? throw new NetworkNamespaceException("open network namespace", path, Errno.ENOENT);

    /// <summary>Opens the namespace at <paramref name="path"/>, or returns null when it does not exist.</summary>
    /// <exception cref="NetworkNamespaceException">The path exists but cannot be opened or is not a network namespace.</exception>
    public static NetworkNamespace? TryOpen(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var raw = Libc.Open(path, Libc.ORdonly | Libc.OCloexec);
        if (raw < 0)
        {
            var errno = Libc.LastErrno;
            return errno == Errno.ENOENT ? null : throw new NetworkNamespaceException("open network namespace", path, errno);
        }

        var fd = new SafeFd(raw);
        try
        {
            if (Libc.Ioctl(fd, Libc.NsGetNsType) != Libc.CloneNewNet)
            {
                throw new NetworkNamespaceException($"open network namespace {path}: not a network namespace file");
            }

            return new NetworkNamespace(fd, path, InodeOf(raw, string.Empty));
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Opens the process's own namespace (<see cref="CurrentPath"/>).</summary>
    public static NetworkNamespace OpenCurrent() => Open(CurrentPath);

    /// <summary>The inode of the namespace the calling OS thread is in right now.</summary>
    public static ulong CurrentThreadInode() => InodeOf(AtFdCwd, ThreadSelfPath);

    /// <summary>
    /// Opens a netlink socket inside this namespace. The socket stays bound to the namespace,
    /// so it may be used from any thread afterwards; dispose it before deleting the namespace.
    /// </summary>
    /// <param name="receiveTimeout">How long to wait for a kernel reply; default <see cref="NetlinkSocket.DefaultReceiveTimeout"/>.</param>
    public NetlinkSocket OpenNetlink(TimeSpan? receiveTimeout = null) => Run(() => NetlinkSocket.Open(receiveTimeout));

    /// <summary>The descriptor, for IFLA_NET_NS_FD; valid while this object is alive.</summary>
    internal int Fd
    {
        get
        {
            ObjectDisposedException.ThrowIf(_fd.IsClosed, this);
            return _fd.Fd;
        }
    }

    internal SafeFd Handle => _fd;

    /// <summary>Closes the handle. The namespace itself lives on while anything else holds it.</summary>
    public void Dispose() => _fd.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Path} (net:[{Inode.ToString(CultureInfo.InvariantCulture)}])";

    private const int AtFdCwd = -100;

    /// <summary>The inode of a namespace file (nsfs), which identifies the namespace: statx(2).</summary>
    private static unsafe ulong InodeOf(int dirFd, string path)
    {
        var buffer = stackalloc byte[Libc.StatxSize];
        var flags = path.Length == 0 ? Libc.AtEmptyPath : 0;
        if (Libc.Statx(dirFd, path, flags, Libc.StatxIno, buffer) != 0)
        {
            throw new NetworkNamespaceException("statx", path.Length == 0 ? $"fd {dirFd}" : path, Libc.LastErrno);
        }

        return *(ulong*)(buffer + Libc.StatxInoOffset);
    }
}
