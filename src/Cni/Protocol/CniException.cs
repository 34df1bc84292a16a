namespace Cloudnet.Cni.Protocol;

/// <summary>
/// A failure that ends the invocation with a CNI error result on stdout. <see cref="Exception.Message"/>
/// is the short <c>msg</c> (it names the operation and the ids); <see cref="Details"/> the long one.
/// </summary>
public sealed class CniException : Exception
{
    /// <summary>Creates the error.</summary>
    public CniException(CniErrorCode code, string message, string? details = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Details = details;
    }

    /// <summary>Creates an internal error (code 101) for callers that need the parameterless shape.</summary>
    public CniException()
        : this(CniErrorCode.DaemonFailure, "cloudnet failed")
    {
    }

    /// <summary>Creates an internal error with a message.</summary>
    public CniException(string message)
        : this(CniErrorCode.DaemonFailure, message)
    {
    }

    /// <summary>Creates an internal error with a message and cause.</summary>
    public CniException(string message, Exception innerException)
        : this(CniErrorCode.DaemonFailure, message, innerException.Message, innerException)
    {
    }

    /// <summary>The CNI error code.</summary>
    public CniErrorCode Code { get; }

    /// <summary>The long message, or null.</summary>
    public string? Details { get; }
}
