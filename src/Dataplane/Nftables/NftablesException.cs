namespace Cloudnet.Dataplane.Nftables;

/// <summary>nft rejected a command batch; carries the batch's first line and nft's error text.</summary>
public sealed class NftablesException : IOException
{
    /// <summary>Creates the exception for <paramref name="operation"/> with nft's <paramref name="detail"/>.</summary>
    public NftablesException(string operation, string detail)
        : base($"{operation}: {detail.Trim()}")
    {
        Operation = operation;
        Detail = detail;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NftablesException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
        Detail = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NftablesException(string message)
        : base(message)
    {
        Operation = string.Empty;
        Detail = string.Empty;
    }

    /// <summary>Creates an empty exception.</summary>
    public NftablesException()
    {
        Operation = string.Empty;
        Detail = string.Empty;
    }

    /// <summary>What was attempted, e.g. "replace table inet cloudnet in /run/netns/node".</summary>
    public string Operation { get; }

    /// <summary>nft's error output, e.g. "Error: syntax error, unexpected ..." with the caret lines.</summary>
    public string Detail { get; }
}
