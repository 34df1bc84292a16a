using Cloudnet.Dataplane.Interop;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>
/// A netlink request the kernel refused (NLMSG_ERROR with a negative errno) or a socket call
/// that failed. The message names the operation and the object, e.g.
/// "RTM_NEWLINK veth cnih1234abcd: EEXIST (file exists)".
/// </summary>
public sealed class NetlinkException : IOException
{
    /// <summary>Creates the exception for <paramref name="operation"/> failing with <paramref name="errno"/>.</summary>
    /// <param name="operation">What was asked, e.g. "RTM_NEWROUTE 10.0.0.5/32 table 254".</param>
    /// <param name="errno">The positive errno value.</param>
    /// <param name="kernelMessage">The kernel's extended-ack text, when it gave one.</param>
    public NetlinkException(string operation, int errno, string? kernelMessage = null)
        : base(Format(operation, errno, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
        HResult = errno;
    }

    /// <summary>Creates an exception without an errno (for example a malformed reply).</summary>
    public NetlinkException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates an exception without an errno, wrapping another.</summary>
    public NetlinkException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>Creates an empty exception (serialisation conventions).</summary>
    public NetlinkException()
    {
        Operation = string.Empty;
    }

    /// <summary>The operation and its object, e.g. "RTM_DELADDR 10.0.0.5/32 on ifindex 7".</summary>
    public string Operation { get; }

    /// <summary>The positive errno value (0 when none applies).</summary>
    public int Errno { get; }

    /// <summary>The symbolic errno name, e.g. "EEXIST".</summary>
    public string ErrorName => Interop.Errno.Name(Errno);

    /// <summary>The kernel's extended-ack message (NLMSGERR_ATTR_MSG), when present.</summary>
    public string? KernelMessage { get; }

    private static string Format(string operation, int errno, string? kernelMessage)
    {
        var description = Interop.Errno.Describe(errno);
        var text = description.Length == 0
            ? $"{operation}: {Interop.Errno.Name(errno)}"
            : $"{operation}: {Interop.Errno.Name(errno)} ({description})";
        return string.IsNullOrEmpty(kernelMessage) ? text : $"{text}: {kernelMessage}";
    }
}
