namespace Cloudnet.Emulator.State;

/// <summary>
/// An EC2 API error as EC2 reports it: a code such as "InvalidNetworkInterfaceID.NotFound", a
/// message naming the ids, and the HTTP status of the response (400 unless the code says otherwise).
/// </summary>
public sealed class Ec2Exception : Exception
{
    /// <summary>Creates the error; the status defaults to the one EC2 uses for the code.</summary>
    public Ec2Exception(string code, string message, int? httpStatus = null)
        : base(message)
    {
        Code = code;
        HttpStatus = httpStatus ?? Ec2ErrorCodes.StatusOf(code);
    }

    /// <summary>Creates an InternalError (for serialisers that need a parameterless shape).</summary>
    public Ec2Exception()
        : this(Ec2ErrorCodes.InternalError, "An internal error has occurred")
    {
    }

    /// <summary>Creates an InternalError with a message.</summary>
    public Ec2Exception(string message)
        : this(Ec2ErrorCodes.InternalError, message)
    {
    }

    /// <summary>Creates an InternalError wrapping a cause.</summary>
    public Ec2Exception(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = Ec2ErrorCodes.InternalError;
        HttpStatus = 500;
    }

    /// <summary>The EC2 error code.</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the error response.</summary>
    public int HttpStatus { get; }
}
