namespace Cloudnet.Ipam.Cloud;

/// <summary>Provider-neutral classes of cloud failures.</summary>
public enum CloudErrorKind
{
    /// <summary>Anything not classified below.</summary>
    Other,

    /// <summary>The API asked us to slow down (EC2 RequestLimitExceeded, ARM 429). Retryable.</summary>
    Throttled,

    /// <summary>A 5xx, a timeout or a broken connection. Retryable.</summary>
    Transient,

    /// <summary>A limit was reached: subnet full, too many interfaces or addresses.</summary>
    Capacity,

    /// <summary>The subnet has no free aligned /28 for a prefix; fall back to single addresses.</summary>
    InsufficientCidrBlocks,

    /// <summary>The interface, address or instance does not exist (any more).</summary>
    NotFound,

    /// <summary>The credentials lack a permission; the message names the action.</summary>
    Unauthorized,
}
