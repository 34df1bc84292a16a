namespace Cloudnet.Providers.BareMetal;

/// <summary>
/// Configuration of the bare-metal provider. The initialisers are the documented defaults; the
/// daemon binds <c>CLOUDNET_BAREMETAL_*</c> environment variables (named on each property) and
/// calls <see cref="BareMetalOptionsValidator.Validate"/> at start. Lists are comma-separated.
/// </summary>
public sealed class BareMetalOptions
{
    /// <summary>This node's name: the owner recorded on claimed blocks and the Kubernetes Node to read
    /// (CLOUDNET_BAREMETAL_NODE_NAME, in a DaemonSet from the downward API). Required.</summary>
    public string NodeName { get; set; } = "";

    /// <summary>The node's address on the network its peers share (CLOUDNET_BAREMETAL_NODE_ADDRESS): the
    /// BGP router id (IPv4) and the next hop other nodes use in static-route mode. Required.</summary>
    public string NodeAddress { get; set; } = "";

    /// <summary>Where blocks come from (CLOUDNET_BAREMETAL_CLAIM_MODE: local, podcidrs, kubernetes). Default local.</summary>
    public BlockClaimMode ClaimMode { get; set; } = BlockClaimMode.Local;

    /// <summary>The cluster pool (CLOUDNET_BAREMETAL_POOL_CIDRS), IPv4 and/or IPv6. Blocks are claimed from it in
    /// kubernetes mode; in every mode BGP imports only routes inside it. Required for kubernetes mode and BGP.</summary>
    public string PoolCidrs { get; set; } = "";

    /// <summary>This node's blocks in local mode (CLOUDNET_BAREMETAL_BLOCKS): CIDRs split into blocks of the configured size.</summary>
    public string Blocks { get; set; } = "";

    /// <summary>Prefix length of IPv4 blocks (CLOUDNET_BAREMETAL_BLOCK_SIZE_V4). Default 26 (64 addresses). 20 to 32.</summary>
    public int BlockPrefixLengthV4 { get; set; } = 26;

    /// <summary>Prefix length of IPv6 blocks (CLOUDNET_BAREMETAL_BLOCK_SIZE_V6). Default 122 (64 addresses). 116 to 128.</summary>
    public int BlockPrefixLengthV6 { get; set; } = 122;

    /// <summary>Blocks one node may hold at once (CLOUDNET_BAREMETAL_MAX_BLOCKS). Default 16.</summary>
    public int MaxBlocks { get; set; } = 16;

    /// <summary>How long a block must stay empty before it is returned to the pool
    /// (CLOUDNET_BAREMETAL_RELEASE_GRACE, seconds or hh:mm:ss). Default 5 minutes.</summary>
    public TimeSpan ReleaseGracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Kubernetes API server URL (CLOUDNET_BAREMETAL_KUBE_API). Empty: the in-cluster service
    /// account, else <see cref="Kubeconfig"/>.</summary>
    public string KubeApiServer { get; set; } = "";

    /// <summary>Path of a kubeconfig file (CLOUDNET_BAREMETAL_KUBECONFIG), used when not in a cluster and no URL is set.</summary>
    public string Kubeconfig { get; set; } = "";

    /// <summary>How routes to other nodes' blocks are made (CLOUDNET_BAREMETAL_ROUTING: bgp, static, none). Default bgp.</summary>
    public RoutingMode Routing { get; set; } = RoutingMode.Bgp;

    /// <summary>Local autonomous system number (CLOUDNET_BAREMETAL_BGP_AS). Default 64512 (first private ASN).</summary>
    public long LocalAs { get; set; } = 64512;

    /// <summary>BGP router id (CLOUDNET_BAREMETAL_BGP_ROUTER_ID). Default: <see cref="NodeAddress"/> when it is IPv4.</summary>
    public string RouterId { get; set; } = "";

    /// <summary>Explicit BGP peers (CLOUDNET_BAREMETAL_BGP_PEERS): <c>address[:as][/multihop]</c>, e.g. a top-of-rack
    /// router <c>192.0.2.1:65000</c>; the AS defaults to <see cref="LocalAs"/> (iBGP).</summary>
    public string BgpPeers { get; set; } = "";

    /// <summary>Peer with every other node of the cluster, from the Kubernetes API (CLOUDNET_BAREMETAL_BGP_MESH). Default false.</summary>
    public bool BgpMesh { get; set; }

    /// <summary>The BIRD configuration file the daemon writes and BIRD reads (CLOUDNET_BAREMETAL_BIRD_CONFIG).
    /// Default /run/cloudnet/bird/bird.conf.</summary>
    public string BirdConfigPath { get; set; } = "/run/cloudnet/bird/bird.conf";

    /// <summary>BIRD's control socket (CLOUDNET_BAREMETAL_BIRD_SOCKET). Default /run/cloudnet/bird/bird.ctl.</summary>
    public string BirdSocketPath { get; set; } = "/run/cloudnet/bird/bird.ctl";

    /// <summary>How often BGP session state is read from BIRD for /v1/bgp and metrics
    /// (CLOUDNET_BAREMETAL_BGP_STATUS_INTERVAL). Default 10 s.</summary>
    public TimeSpan BgpStatusInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Static routes without Kubernetes (CLOUDNET_BAREMETAL_STATIC_ROUTES): <c>block=via</c> pairs, e.g.
    /// <c>10.244.1.0/24=192.0.2.12</c>. With Kubernetes, static-route mode uses the API's nodes and blocks instead.</summary>
    public string StaticRoutes { get; set; } = "";
}
