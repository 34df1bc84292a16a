namespace Cloudnet.Dataplane.CniInstall;

/// <summary>A conflist the runtime or cloudnet cannot use; the message names the file and what is wrong.</summary>
public sealed class ConflistException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConflistException()
    {
    }

    /// <summary>Creates the exception with a message naming the conflist.</summary>
    public ConflistException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the conflist and the parse error.</summary>
    public ConflistException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
