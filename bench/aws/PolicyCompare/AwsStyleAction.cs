namespace Cloudnet.Bench.AwsPolicy;

/// <summary>What one pool-monitor tick of the AWS-style model does.</summary>
/// <param name="Kind">The action.</param>
/// <param name="InterfaceId">The ENI to fill or free; null for none and attach.</param>
/// <param name="Count">Addresses to assign (fill, attach); 0 otherwise.</param>
public sealed record AwsStyleAction(AwsStyleActionKind Kind, string? InterfaceId = null, int Count = 0)
{
    /// <summary>Nothing to do.</summary>
    public static AwsStyleAction None { get; } = new(AwsStyleActionKind.None);
}
