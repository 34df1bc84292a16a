using System.Runtime.InteropServices;

namespace Cloudnet.Cni.Daemon;

/// <summary>A failed call on a <see cref="UnixStream"/>: the operation, the socket path (when known) and the errno.</summary>
public sealed class UnixStreamException : IOException
{
    /// <summary>Creates the exception; the message names the operation, the path and the error text.</summary>
    public UnixStreamException(string operation, string? path, int errno)
        : base($"{operation}{(path is null ? "" : " " + path)}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
    {
        Operation = operation;
        Errno = errno;
    }

    /// <summary>Creates an empty exception.</summary>
    public UnixStreamException()
    {
        Operation = string.Empty;
    }

    /// <summary>Creates an exception with a message.</summary>
    public UnixStreamException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public UnixStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>The libc call that failed ("connect", "recv", …).</summary>
    public string Operation { get; }

    /// <summary>The errno it returned.</summary>
    public int Errno { get; }

    /// <summary>True when a send or receive deadline passed.</summary>
    public bool TimedOut => UnixStream.IsTimeout(Errno);
}
