namespace Cloudnet.Bench.AwsPolicy;

/// <summary>The kinds of <see cref="AwsStyleAction"/>.</summary>
public enum AwsStyleActionKind
{
    /// <summary>The pool is as the targets want it, or cannot change.</summary>
    None,

    /// <summary>Assign the missing secondary addresses of an attached ENI (tryAssignIPs).</summary>
    FillEni,

    /// <summary>Create and attach a new ENI with a whole ENI's worth of addresses (tryAllocateENI).</summary>
    AttachEni,

    /// <summary>Detach and delete an unused ENI (tryFreeENI).</summary>
    FreeEni,
}
