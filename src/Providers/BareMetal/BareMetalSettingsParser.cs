using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Bgp;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Routing;

namespace Cloudnet.Providers.BareMetal;

/// <summary>Checks <see cref="BareMetalOptions"/> and turns them into <see cref="BareMetalSettings"/>; every
/// problem is reported at once, each naming its environment variable.</summary>
public static class BareMetalSettingsParser
{
    /// <summary>Parses the options; false with the list of problems when any is wrong.</summary>
    public static bool TryParse(BareMetalOptions options, [NotNullWhen(true)] out BareMetalSettings? settings, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        settings = null;

        if (string.IsNullOrWhiteSpace(options.NodeName))
        {
            problems.Add("CLOUDNET_BAREMETAL_NODE_NAME: required (this node's name)");
        }

        if (!IPAddress.TryParse(options.NodeAddress, out var nodeAddress))
        {
            problems.Add($"CLOUDNET_BAREMETAL_NODE_ADDRESS: '{options.NodeAddress}' is not an IP address (required: the node's address on the shared network)");
        }

        var poolCidrs = ParseCidrs("CLOUDNET_BAREMETAL_POOL_CIDRS", options.PoolCidrs, problems);
        var localCidrs = ParseCidrs("CLOUDNET_BAREMETAL_BLOCKS", options.Blocks, problems);
        BlockPool? pool = null;
        try
        {
            pool = new BlockPool(poolCidrs, options.BlockPrefixLengthV4, options.BlockPrefixLengthV6);
        }
        catch (ArgumentException e)
        {
            problems.Add($"CLOUDNET_BAREMETAL_BLOCK_SIZE_V4/_V6 or CLOUDNET_BAREMETAL_POOL_CIDRS: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        if (options.ClaimMode == BlockClaimMode.Kubernetes && poolCidrs.Count == 0)
        {
            problems.Add("CLOUDNET_BAREMETAL_POOL_CIDRS: required in claim mode kubernetes (the pool blocks are claimed from)");
        }

        if (options.Routing == RoutingMode.Bgp && poolCidrs.Count == 0)
        {
            problems.Add("CLOUDNET_BAREMETAL_POOL_CIDRS: required with BGP routing (only routes inside the pool are imported)");
        }

        var localBlocks = ImmutableArray<Cidr>.Empty;
        if (options.ClaimMode == BlockClaimMode.Local)
        {
            if (localCidrs.Count == 0)
            {
                problems.Add("CLOUDNET_BAREMETAL_BLOCKS: required in claim mode local (this node's blocks)");
            }
            else if (pool is not null)
            {
                localBlocks = [.. pool.Split(localCidrs).Take(MaxLocalBlocks + 1)];
                if (localBlocks.Length > MaxLocalBlocks)
                {
                    problems.Add($"CLOUDNET_BAREMETAL_BLOCKS: more than {MaxLocalBlocks} blocks; list fewer or larger blocks");
                }

                foreach (var outside in localCidrs.Where(c => poolCidrs.Count > 0 && !poolCidrs.Any(p => p.Contains(c))))
                {
                    problems.Add($"CLOUDNET_BAREMETAL_BLOCKS: {outside} is outside the pool CLOUDNET_BAREMETAL_POOL_CIDRS");
                }
            }
        }

        if (options.MaxBlocks < 1)
        {
            problems.Add($"CLOUDNET_BAREMETAL_MAX_BLOCKS: {options.MaxBlocks} must be at least 1");
        }

        if (options.ReleaseGracePeriod < TimeSpan.Zero)
        {
            problems.Add("CLOUDNET_BAREMETAL_RELEASE_GRACE: must not be negative");
        }

        if (options.BgpStatusInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add("CLOUDNET_BAREMETAL_BGP_STATUS_INTERVAL: must be at least 1 second");
        }

        if (options.LocalAs is < 1 or > uint.MaxValue)
        {
            problems.Add($"CLOUDNET_BAREMETAL_BGP_AS: {options.LocalAs} is not an AS number (1 to 4294967295)");
        }

        IPAddress? routerId = null;
        if (options.Routing == RoutingMode.Bgp)
        {
            var routerText = options.RouterId.Length > 0 ? options.RouterId : options.NodeAddress;
            if (!IPAddress.TryParse(routerText, out routerId) || routerId.AddressFamily != AddressFamily.InterNetwork)
            {
                problems.Add($"CLOUDNET_BAREMETAL_BGP_ROUTER_ID: '{routerText}' is not an IPv4 address (defaults to the node address when that is IPv4)");
            }
        }

        var peers = ImmutableArray.CreateBuilder<BgpPeer>();
        foreach (var text in Split(options.BgpPeers))
        {
            if (BgpPeer.TryParse(text, options.LocalAs, out var peer))
            {
                peers.Add(peer);
            }
            else
            {
                problems.Add($"CLOUDNET_BAREMETAL_BGP_PEERS: '{text}' is not address[:as][/multihop]");
            }
        }

        if (options.BgpMesh && options.ClaimMode == BlockClaimMode.Local)
        {
            problems.Add("CLOUDNET_BAREMETAL_BGP_MESH: the mesh is read from the Kubernetes API; use claim mode kubernetes or podcidrs, or list the peers in CLOUDNET_BAREMETAL_BGP_PEERS");
        }

        var staticRoutes = ParseStaticRoutes(options.StaticRoutes, problems);
        if (problems.Count > 0 || pool is null || nodeAddress is null)
        {
            errors = problems;
            return false;
        }

        settings = new BareMetalSettings
        {
            NodeName = options.NodeName.Trim(),
            NodeAddress = nodeAddress,
            ClaimMode = options.ClaimMode,
            Pool = pool,
            LocalBlocks = localBlocks,
            MaxBlocks = options.MaxBlocks,
            ReleaseGracePeriod = options.ReleaseGracePeriod,
            KubeApiServer = options.KubeApiServer.Trim(),
            Kubeconfig = options.Kubeconfig.Trim(),
            Routing = options.Routing,
            LocalAs = options.LocalAs,
            RouterId = routerId,
            Peers = peers.ToImmutable(),
            BgpMesh = options.BgpMesh,
            BirdConfigPath = options.BirdConfigPath,
            BirdSocketPath = options.BirdSocketPath,
            BgpStatusInterval = options.BgpStatusInterval,
            StaticRoutes = staticRoutes,
        };
        errors = [];
        return true;
    }

    /// <summary>The most blocks local configuration may list (addresses are enumerated into the pool).</summary>
    public const int MaxLocalBlocks = 256;

    private static List<Cidr> ParseCidrs(string variable, string text, List<string> problems)
    {
        var cidrs = new List<Cidr>();
        foreach (var part in Split(text))
        {
            if (Cidr.TryParse(part, out var cidr) && part.Contains('/', StringComparison.Ordinal))
            {
                cidrs.Add(cidr);
            }
            else
            {
                problems.Add($"{variable}: '{part}' is not a CIDR (expected e.g. 10.244.0.0/16)");
            }
        }

        return cidrs;
    }

    private static ImmutableArray<StaticRoute> ParseStaticRoutes(string text, List<string> problems)
    {
        var routes = ImmutableArray.CreateBuilder<StaticRoute>();
        foreach (var part in Split(text))
        {
            var pieces = part.Split('=', 2);
            if (pieces.Length == 2 && Cidr.TryParse(pieces[0], out var destination) && IPAddress.TryParse(pieces[1], out var via)
                && via.AddressFamily == destination.Family)
            {
                routes.Add(new StaticRoute(destination, via));
            }
            else
            {
                problems.Add($"CLOUDNET_BAREMETAL_STATIC_ROUTES: '{part}' is not block=via (e.g. 10.244.1.0/24=192.0.2.12, same family)");
            }
        }

        return routes.ToImmutable();
    }

    private static string[] Split(string text) =>
        text.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
