using Cloudnet.Dataplane.Interop;

namespace Cloudnet.Dataplane.Namespaces;

/// <summary>Opening or entering a network namespace failed; names the path and the errno.</summary>
public sealed class NetworkNamespaceException : IOException
{
    /// <summary>Creates the exception for <paramref name="operation"/> on <paramref name="path"/>.</summary>
    public NetworkNamespaceException(string operation, string path, int errno)
        : base($"{operation} {path}: {Interop.Errno.Name(errno)} ({Interop.Errno.Describe(errno)})")
    {
        Path = path;
        Errno = errno;
        HResult = errno;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NetworkNamespaceException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NetworkNamespaceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>Creates an empty exception.</summary>
    public NetworkNamespaceException()
    {
        Path = string.Empty;
    }

    /// <summary>The namespace path, e.g. /var/run/netns/cni-1234.</summary>
    public string Path { get; }

    /// <summary>The positive errno (ENOENT when the namespace does not exist).</summary>
    public int Errno { get; }
}
