using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Bgp;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Routing;

namespace Cloudnet.Providers.BareMetal;

/// <summary>
/// <see cref="BareMetalOptions"/> parsed and checked: typed values only. Built by
/// <see cref="BareMetalSettingsParser.TryParse"/>, which lists every problem at once.
/// </summary>
public sealed record BareMetalSettings
{
    /// <summary>This node's name.</summary>
    public required string NodeName { get; init; }

    /// <summary>This node's address on the shared network.</summary>
    public required IPAddress NodeAddress { get; init; }

    /// <summary>Where blocks come from.</summary>
    public BlockClaimMode ClaimMode { get; init; }

    /// <summary>The cluster pool and block sizes (the pool may be empty in local mode).</summary>
    public required BlockPool Pool { get; init; }

    /// <summary>Local mode: the node's blocks, already split to the block size.</summary>
    public ImmutableArray<Cidr> LocalBlocks { get; init; } = [];

    /// <summary>Blocks the node may hold at once.</summary>
    public int MaxBlocks { get; init; } = 16;

    /// <summary>How long a block stays empty before it is returned.</summary>
    public TimeSpan ReleaseGracePeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Kubernetes API server URL, or empty.</summary>
    public string KubeApiServer { get; init; } = "";

    /// <summary>Kubeconfig path, or empty.</summary>
    public string Kubeconfig { get; init; } = "";

    /// <summary>How other nodes' blocks are routed.</summary>
    public RoutingMode Routing { get; init; }

    /// <summary>Local AS number.</summary>
    public long LocalAs { get; init; } = 64512;

    /// <summary>BGP router id (IPv4), or null when BGP is off.</summary>
    public IPAddress? RouterId { get; init; }

    /// <summary>Explicitly configured BGP peers.</summary>
    public ImmutableArray<BgpPeer> Peers { get; init; } = [];

    /// <summary>Peer with all other nodes known to the Kubernetes API.</summary>
    public bool BgpMesh { get; init; }

    /// <summary>BIRD configuration file path.</summary>
    public string BirdConfigPath { get; init; } = "";

    /// <summary>BIRD control socket path.</summary>
    public string BirdSocketPath { get; init; } = "";

    /// <summary>Interval between BGP status reads.</summary>
    public TimeSpan BgpStatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Configured static routes (static-route mode without Kubernetes).</summary>
    public ImmutableArray<StaticRoute> StaticRoutes { get; init; } = [];

    /// <summary>True when the Kubernetes API is used: for claims, podCIDRs or the BGP mesh. Static-route mode then
    /// takes the other nodes' blocks from the API too; otherwise from <see cref="StaticRoutes"/>.</summary>
    public bool UsesKubernetes => ClaimMode != BlockClaimMode.Local || BgpMesh;
}
