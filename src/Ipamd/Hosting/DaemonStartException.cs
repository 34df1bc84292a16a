namespace Cloudnet.Ipamd.Hosting;

/// <summary>The daemon cannot start; the message says why and what to do. Nothing was opened.</summary>
public sealed class DaemonStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DaemonStartException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DaemonStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DaemonStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
