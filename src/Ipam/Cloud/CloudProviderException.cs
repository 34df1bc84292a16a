namespace Cloudnet.Ipam.Cloud;

/// <summary>A cloud call failed. <see cref="Kind"/> says how; the message names the operation and ids.</summary>
public sealed class CloudProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudProviderException(CloudErrorKind kind, string operation, string message, Exception? innerException = null)
        : base($"{operation}: {message}", innerException)
    {
        Kind = kind;
        Operation = operation;
    }

    /// <summary>Creates an <see cref="CloudErrorKind.Other"/> error.</summary>
    public CloudProviderException()
        : this(CloudErrorKind.Other, "unknown", "cloud call failed")
    {
    }

    /// <summary>Creates an <see cref="CloudErrorKind.Other"/> error.</summary>
    public CloudProviderException(string message)
        : this(CloudErrorKind.Other, "unknown", message)
    {
    }

    /// <summary>Creates an <see cref="CloudErrorKind.Other"/> error.</summary>
    public CloudProviderException(string message, Exception innerException)
        : this(CloudErrorKind.Other, "unknown", message, innerException)
    {
    }

    /// <summary>How the call failed.</summary>
    public CloudErrorKind Kind { get; }

    /// <summary>The provider operation, e.g. "AssignPrivateIpAddresses".</summary>
    public string Operation { get; }

    /// <summary>True for throttling and transient failures.</summary>
    public bool IsRetryable => Kind is CloudErrorKind.Throttled or CloudErrorKind.Transient;
}
