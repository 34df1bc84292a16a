namespace Cloudnet.Providers.BareMetal.Bgp;

/// <summary>BIRD refused a command, answered out of protocol, or its socket failed; the message names the command.</summary>
public sealed class BirdException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BirdException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BirdException()
        : this("BIRD control failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public BirdException(string message)
        : this(message, null)
    {
    }
}
