using System.Collections.Immutable;
using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink;
using Route = Cloudnet.Dataplane.Netlink.Route;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Cloudnet.Providers.BareMetal;
using Cloudnet.Providers.BareMetal.Kubernetes;
using Cloudnet.Providers.BareMetal.Routing;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>
/// Static-route mode (nodes on one L2 segment, no BGP): a main-table route to each other node's
/// blocks via that node's address, from the Kubernetes view (IPAMBlocks or podCIDRs, and node
/// InternalIPs) or from CLOUDNET_BAREMETAL_STATIC_ROUTES. Routes are tagged with cloudnet's
/// protocol; those no longer wanted are removed (only gateway routes to networks shorter than a
/// host route that we installed: the CNI's pod /32 routes have no gateway and are never touched).
/// </summary>
public sealed partial class StaticRouting(BareMetalSettings settings, INetlink netlink, KubernetesClusterView? view, ILogger<StaticRouting> logger)
    : IBlockRouting, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImmutableArray<Cidr> _owned = [];
    private ImmutableArray<StaticRoute> _routes = [];

    /// <inheritdoc />
    public Task SetOwnedBlocksAsync(IReadOnlyList<Cidr> blocks, CancellationToken cancellationToken)
    {
        _owned = [.. blocks];
        return ApplyAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task ClusterChangedAsync(CancellationToken cancellationToken) => ApplyAsync(cancellationToken);

    /// <inheritdoc />
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Sync([]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The state for /v1/bgp.</summary>
    public BgpStatus Status() => new(
        "static", null, 0, [.. _owned.Select(b => b.ToString())], [], false, [],
        [.. _routes.Select(r => $"{r.Destination} via {r.Via}{(r.Node is null ? "" : " (" + r.Node + ")")}")], null, null);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wanted = view is not null
                ? ClusterRoutes.FromCluster(view.Snapshot(), settings.NodeName, settings.ClaimMode)
                : settings.StaticRoutes;
            // Never route our own blocks away, nor to ourselves.
            Sync([.. wanted.Where(r => !r.Via.Equals(settings.NodeAddress) && !_owned.Any(o => o.Overlaps(r.Destination)))]);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Sync(ImmutableArray<StaticRoute> wanted)
    {
        var wantedByDestination = wanted.ToDictionary(r => r.Destination);
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            foreach (var stale in netlink.ListRoutes(family, RouteTables.Main).Where(IsOurs)
                         .Where(r => !wantedByDestination.TryGetValue(r.Destination, out var w) || !w.Via.Equals(r.Gateway)))
            {
                netlink.DeleteRoute(stale);
                LogRouteRemoved(stale.Destination, stale.Gateway);
            }
        }

        foreach (var route in wanted)
        {
            netlink.ReplaceRoute(new Route { Destination = route.Destination, Gateway = route.Via });
        }

        if (!wanted.SequenceEqual(_routes))
        {
            LogRoutes(wanted.Length);
        }

        _routes = wanted;
    }

    private static bool IsOurs(Route r) =>
        r.Protocol == RouteProtocol.Cloudnet && r.Type == RouteType.Unicast && r.Gateway is not null
        && r.Destination.PrefixLength < r.Destination.AddressBits && r.Destination.PrefixLength > 0;

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Static routes to other nodes' blocks: {Count}")]
    private partial void LogRoutes(int count);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "Removed static route {Destination} via {Gateway}")]
    private partial void LogRouteRemoved(Cidr destination, System.Net.IPAddress? gateway);
}
