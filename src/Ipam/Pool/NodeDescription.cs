using System.Collections.Immutable;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Pool;

/// <summary>What the provider says the node has: the cloud's truth at one moment.</summary>
public sealed record NodeDescription
{
    /// <summary>Instance id, VM id or node name.</summary>
    public required string NodeId { get; init; }

    /// <summary>Instance type or VM size, when there is one.</summary>
    public string? InstanceType { get; init; }

    /// <summary>The interfaces attached to the node, primary first.</summary>
    public ImmutableArray<PoolInterface> Interfaces { get; init; } = [];

    /// <summary>The VPC/VNet CIDRs: traffic to them keeps the pod's source address.</summary>
    public ImmutableArray<Cidr> VpcCidrs { get; init; } = [];

    /// <summary>What the node can hold.</summary>
    public required PoolLimits Limits { get; init; }
}
