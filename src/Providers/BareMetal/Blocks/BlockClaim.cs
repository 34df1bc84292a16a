using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Blocks;

/// <summary>A block and the node that holds it.</summary>
/// <param name="Block">The block.</param>
/// <param name="Node">The owner node's name.</param>
/// <param name="ClaimedAt">When it was claimed, when known.</param>
public sealed record BlockClaim(Cidr Block, string Node, DateTimeOffset? ClaimedAt = null);
