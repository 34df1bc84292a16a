namespace Cloudnet.Dataplane.Netlink;

/// <summary>
/// What a delete did. Deleting something that is not there is an expected outcome (CNI DEL
/// must be idempotent), so it is a value, not an exception.
/// </summary>
public enum DeleteOutcome
{
    /// <summary>The object existed and was removed.</summary>
    Deleted,

    /// <summary>The object was not there (ENODEV, ENOENT, ESRCH or EADDRNOTAVAIL from the kernel).</summary>
    AlreadyGone,
}
