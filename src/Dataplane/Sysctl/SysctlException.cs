namespace Cloudnet.Dataplane.Sysctl;

/// <summary>Reading or writing a sysctl failed; the message names the key, the value and the namespace.</summary>
public sealed class SysctlException : IOException
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    public SysctlException(string message, string key, Exception? innerException = null)
        : base(message, innerException)
    {
        Key = key;
    }

    /// <summary>Creates the exception with a message.</summary>
    public SysctlException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SysctlException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    /// <summary>Creates an empty exception.</summary>
    public SysctlException()
    {
        Key = string.Empty;
    }

    /// <summary>The key in slash form, e.g. "net/ipv4/ip_forward".</summary>
    public string Key { get; }
}
