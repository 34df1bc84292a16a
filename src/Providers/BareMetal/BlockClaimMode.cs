namespace Cloudnet.Providers.BareMetal;

/// <summary>Where a node's blocks come from (CLOUDNET_BAREMETAL_CLAIM_MODE).</summary>
public enum BlockClaimMode
{
    /// <summary>Blocks listed in local configuration (CLOUDNET_BAREMETAL_BLOCKS); no Kubernetes. The default.</summary>
    Local,

    /// <summary>This node's <c>Node.spec.podCIDRs</c>, read from the Kubernetes API, split into blocks.</summary>
    PodCidrs,

    /// <summary>Blocks of the cluster pool claimed on demand: one IPAMBlock object per block, creating it is the claim.</summary>
    Kubernetes,
}
