namespace Cloudnet.Emulator.Faults;

/// <summary>
/// Request-rate throttling as EC2 applies it: a bucket per API, sized by the API's category.
/// The defaults are EC2's published request token limits (mutating 200 / 5 per s, non-mutating
/// 100 / 20 per s, unfiltered non-mutating 50 / 10 per s, resource-intensive 50 / 5 per s,
/// uncategorized 50 / 5 per s). Off unless <see cref="Enabled"/>.
/// </summary>
public sealed class ThrottleSettings
{
    /// <summary>Whether requests are throttled at all. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Bucket of each mutating API.</summary>
    public BucketSettings Mutating { get; set; } = new() { Capacity = 200, RefillPerSecond = 5 };

    /// <summary>Bucket of each non-mutating API.</summary>
    public BucketSettings NonMutating { get; set; } = new() { Capacity = 100, RefillPerSecond = 20 };

    /// <summary>Bucket of each non-mutating API called without filters or pagination.</summary>
    public BucketSettings UnfilteredNonMutating { get; set; } = new() { Capacity = 50, RefillPerSecond = 10 };

    /// <summary>Bucket of each resource-intensive API.</summary>
    public BucketSettings ResourceIntensive { get; set; } = new() { Capacity = 50, RefillPerSecond = 5 };

    /// <summary>Bucket of each uncategorized API.</summary>
    public BucketSettings Uncategorized { get; set; } = new() { Capacity = 50, RefillPerSecond = 5 };

    internal BucketSettings For(ActionClass actionClass) => actionClass switch
    {
        ActionClass.Mutating => Mutating,
        ActionClass.NonMutating => NonMutating,
        ActionClass.UnfilteredNonMutating => UnfilteredNonMutating,
        ActionClass.ResourceIntensive => ResourceIntensive,
        _ => Uncategorized,
    };
}
