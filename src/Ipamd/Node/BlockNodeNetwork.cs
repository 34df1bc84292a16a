using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink;
using Route = Cloudnet.Dataplane.Netlink.Route;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Bgp;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// Bare-metal node programming. Each owned block (a <see cref="InterfaceKind.Block"/> pool interface)
/// gets a blackhole route in the main table: traffic for an address of the block that no pod holds is
/// dropped here instead of bouncing back towards the network (pods' /32 routes from the CNI are more
/// specific and win). Then <see cref="IBlockRouting"/> tells the other nodes (BIRD or static routes).
/// Blackholes are tagged with cloudnet's route protocol; ours that no longer match a block are removed.
/// </summary>
public sealed partial class BlockNodeNetwork(INetlink netlink, IBlockRouting routing, ILogger<BlockNodeNetwork> logger) : INodeNetwork
{
    /// <inheritdoc />
    public async Task ApplyAsync(NodeDescription node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var blocks = node.Interfaces
            .Where(i => i.Kind == InterfaceKind.Block && !i.IsPrimary && i.Subnet is not null)
            .Select(i => i.Subnet!.Value)
            .ToList();
        SyncBlackholes(blocks);
        await routing.SetOwnedBlocksAsync(blocks, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        SyncBlackholes([]);
        await routing.RemoveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Blackhole routes for exactly <paramref name="blocks"/> (ours, by protocol tag).</summary>
    public void SyncBlackholes(IReadOnlyCollection<Cidr> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            var present = netlink.ListRoutes(family, RouteTables.Main)
                .Where(r => r.Type == RouteType.Blackhole && r.Protocol == RouteProtocol.Cloudnet)
                .ToList();
            foreach (var stale in present.Where(r => !blocks.Contains(r.Destination)))
            {
                netlink.DeleteRoute(stale);
                LogBlackholeRemoved(stale.Destination);
            }

            foreach (var block in blocks.Where(b => b.Family == family && !present.Any(r => r.Destination == b)))
            {
                netlink.ReplaceRoute(Blackhole(block));
                LogBlackholeAdded(block);
            }
        }
    }

    private static Route Blackhole(Cidr block) => new() { Destination = block, Type = RouteType.Blackhole };

    [LoggerMessage(EventId = 6120, Level = LogLevel.Information, Message = "Blackhole route for owned block {Block}")]
    private partial void LogBlackholeAdded(Cidr block);

    [LoggerMessage(EventId = 6121, Level = LogLevel.Information, Message = "Removed blackhole route of block {Block} (no longer owned)")]
    private partial void LogBlackholeRemoved(Cidr block);
}
