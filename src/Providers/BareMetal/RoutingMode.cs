namespace Cloudnet.Providers.BareMetal;

/// <summary>How other nodes learn where this node's blocks are (CLOUDNET_BAREMETAL_ROUTING).</summary>
public enum RoutingMode
{
    /// <summary>BIRD advertises owned blocks over BGP and installs the peers' blocks. The default.</summary>
    Bgp,

    /// <summary>No BGP: a kernel route to each peer node's blocks via that node's address (nodes on one L2 segment).</summary>
    Static,

    /// <summary>Only the blackhole routes for owned blocks; something else distributes routes.</summary>
    None,
}
