namespace Cloudnet.Ipam.Planning;

/// <summary>What the reconciler should do to bring the pool to its targets.</summary>
/// <param name="Actions">Steps in order; empty when the pool is at its targets.</param>
/// <param name="Reason">One line for logs: why these actions (or why none).</param>
public sealed record PoolPlan(IReadOnlyList<PoolAction> Actions, string Reason)
{
    /// <summary>True when nothing needs doing.</summary>
    public bool IsEmpty => Actions.Count == 0;
}
