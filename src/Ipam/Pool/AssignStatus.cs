namespace Cloudnet.Ipam.Pool;

/// <summary>Outcome of <see cref="Datastore.Assign"/>.</summary>
public enum AssignStatus
{
    /// <summary>A new address was handed out.</summary>
    Assigned,

    /// <summary>The key already held an address; the same one is returned (repeated ADD).</summary>
    AlreadyAssigned,

    /// <summary>No address is available (all assigned or cooling).</summary>
    PoolEmpty,
}
