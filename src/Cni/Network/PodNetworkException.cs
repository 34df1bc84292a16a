namespace Cloudnet.Cni.Network;

/// <summary>A kernel operation on the pod or host namespace failed; the message names the operation and the object.</summary>
public sealed class PodNetworkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PodNetworkException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PodNetworkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause (usually the data plane's netlink error).</summary>
    public PodNetworkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
