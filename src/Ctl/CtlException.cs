namespace Cloudnet.Ctl;

/// <summary>A failure to report to the user in one line (exit code 1).</summary>
public sealed class CtlException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CtlException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CtlException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CtlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
