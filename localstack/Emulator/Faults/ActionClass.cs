namespace Cloudnet.Emulator.Faults;

/// <summary>EC2's request-throttling categories; each API has its own bucket sized by its category.</summary>
public enum ActionClass
{
    /// <summary>Describe* with filters, ids or pagination.</summary>
    NonMutating,

    /// <summary>Describe* with no filter, no id and no MaxResults (EC2 gives these a smaller bucket).</summary>
    UnfilteredNonMutating,

    /// <summary>Create/Attach/Detach/Delete/Modify/Assign/Unassign and tags.</summary>
    Mutating,

    /// <summary>RunInstances and the like (not served; kept for completeness of the settings).</summary>
    ResourceIntensive,

    /// <summary>Anything else.</summary>
    Uncategorized,
}
