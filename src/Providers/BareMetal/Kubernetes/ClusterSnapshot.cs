using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;

namespace Cloudnet.Providers.BareMetal.Kubernetes;

/// <summary>The cluster as the API shows it: node addresses (InternalIP) and block claims.</summary>
/// <param name="NodeAddresses">Node name to its InternalIP (the first one; IPv4 preferred).</param>
/// <param name="Blocks">Every IPAMBlock's claim.</param>
/// <param name="Synced">True once both nodes and blocks were listed at least once.</param>
public sealed record ClusterSnapshot(ImmutableDictionary<string, IPAddress> NodeAddresses, ImmutableArray<BlockClaim> Blocks, bool Synced)
{
    /// <summary>An empty, not yet synced view.</summary>
    public static ClusterSnapshot Empty { get; } = new(ImmutableDictionary<string, IPAddress>.Empty, [], false);

    /// <summary>Each node's spec.podCIDRs (podcidrs claim mode routes these instead of IPAMBlocks).</summary>
    public ImmutableDictionary<string, ImmutableArray<Cidr>> NodePodCidrs { get; init; } = ImmutableDictionary<string, ImmutableArray<Cidr>>.Empty;
}
