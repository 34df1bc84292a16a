using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Nftables;
using Cloudnet.Dataplane.Sysctl;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Microsoft.Extensions.Logging;
using Route = Cloudnet.Dataplane.Netlink.Route;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// AWS node networking (as AWS VPC CNI's ipamd does it). Each secondary ENI: its link found by MAC,
/// MTU set, brought up, its primary address on it; its own route table (device index + 1) with a
/// link route to the subnet gateway and a default route through it; the rule
/// <c>from ENI-IP lookup TABLE</c>; loose rp_filter (replies to pods arrive on the ENI while the
/// kernel's reverse path points elsewhere; loose on the primary too, for NodePorts); the kernel's connected route for its subnet
/// removed from main, so main never sends by a secondary ENI. Then <c>fwmark MARK lookup main</c>
/// and the <see cref="SnatRuleset"/> table. Every apply converges: what was programmed for ENIs that
/// are gone is removed. Only entries tagged with cloudnet's route protocol are ever deleted.
/// </summary>
public sealed partial class EniNodeNetwork(INetlink netlink, ISysctl sysctl, INftables nftables, EniNetworkSettings settings, ILogger<EniNodeNetwork> logger)
    : INodeNetwork
{
    private readonly Lock _gate = new();
    private string? _appliedRuleset;

    /// <inheritdoc />
    public Task ApplyAsync(NodeDescription node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var primary = node.Interfaces.FirstOrDefault(i => i.IsPrimary);
            var primaryLink = primary?.MacAddress is { } mac ? netlink.FindLinkByMac(ParseMac(mac)) : null;
            var wanted = new List<(PoolInterface Eni, LinkInfo Link)>();
            foreach (var eni in node.Interfaces.Where(i => !i.IsPrimary))
            {
                if (ConfigureEni(eni) is { } link)
                {
                    wanted.Add((eni, link));
                }
            }

            RemoveStale(wanted.Select(w => w.Eni).ToList());
            EnsureRule(MarkRule());
            if (primary?.PrimaryAddress is { } primaryAddress && primaryLink is not null)
            {
                // NodePorts: the reverse-path check runs after DNAT with the pod's address as the
                // source, which for a pod on a secondary ENI resolves to that ENI, not the primary the
                // packet came in on; strict mode would drop it (AWS VPC CNI sets the same).
                sysctl.Write(SysctlKeys.RpFilter(primaryLink.Name), "2");
                var links = wanted.Select(w => w.Link.Name).Append(primaryLink.Name).ToList();
                ApplyRuleset(SnatRuleset.Build(settings, primaryLink.Name, primaryAddress, links, node.VpcCidrs));
            }
            else
            {
                LogNoPrimary(logger, primary?.Id ?? "(none)");
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RemoveAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            nftables.DeleteTable(NftFamily.Ip, settings.NftTableName);
            _appliedRuleset = null;
            RemoveStale([]);
            netlink.DeleteRule(MarkRule());
            LogRemoved(logger);
        }

        return Task.CompletedTask;
    }

    /// <summary>Programs one secondary ENI; null when its link is not on the node (yet).</summary>
    private LinkInfo? ConfigureEni(PoolInterface eni)
    {
        if (eni.MacAddress is null || eni.PrimaryAddress is null || eni.Subnet is not { } subnet || eni.Gateway is null)
        {
            LogIncomplete(logger, eni.Id);
            return null;
        }

        var link = netlink.FindLinkByMac(ParseMac(eni.MacAddress));
        if (link is null)
        {
            // EC2 attached it but the kernel has not shown the device yet; the next apply will.
            LogLinkMissing(logger, eni.Id, eni.MacAddress);
            return null;
        }

        if (link.Mtu != settings.Mtu)
        {
            netlink.SetLinkMtu(link.Index, settings.Mtu);
        }

        if (!link.IsUp)
        {
            netlink.SetLinkUp(link.Index);
        }

        netlink.AddAddress(new LinkAddress(link.Index, eni.PrimaryAddress, subnet.PrefixLength), replace: true);
        var table = eni.RouteTable;
        netlink.ReplaceRoute(new Route { Destination = Cidr.Create(eni.Gateway, 32), LinkIndex = link.Index, Table = table, Scope = RouteScope.Link });
        netlink.ReplaceRoute(new Route { Destination = Cidr.Parse("0.0.0.0/0"), Gateway = eni.Gateway, LinkIndex = link.Index, Table = table });
        netlink.DeleteRoute(new Route { Destination = subnet, LinkIndex = link.Index, Table = RouteTables.Main, Protocol = RouteProtocol.Kernel });
        EnsureRule(EniRule(eni.PrimaryAddress, table));
        sysctl.Write(SysctlKeys.RpFilter(link.Name), "2");
        LogEniConfigured(logger, eni.Id, link.Name, table);
        return link;
    }

    /// <summary>Deletes our ENI rules and ENI-table routes that no wanted ENI accounts for.</summary>
    private void RemoveStale(IReadOnlyList<PoolInterface> wanted)
    {
        var rules = wanted.Select(e => EniRule(e.PrimaryAddress!, e.RouteTable)).ToHashSet();
        foreach (var rule in netlink.ListRules(AddressFamily.InterNetwork)
            .Where(r => r.Priority == settings.EniRulePriority && r.Protocol == RouteProtocol.Cloudnet && r.From is not null)
            .Where(r => !rules.Any(w => w.From == r.From && w.Table == r.Table)))
        {
            netlink.DeleteRule(rule with { Protocol = RouteProtocol.Cloudnet });
            LogRemovedRule(logger, rule);
        }

        var tables = wanted.Select(e => e.RouteTable).ToHashSet();
        foreach (var route in netlink.ListRoutes(AddressFamily.InterNetwork)
            .Where(r => r.Protocol == RouteProtocol.Cloudnet && r.Table > 1 && r.Table <= settings.MaxEniTable && !tables.Contains(r.Table)))
        {
            netlink.DeleteRoute(route);
            LogRemovedRoute(logger, route);
        }
    }

    private void EnsureRule(Rule rule)
    {
        var present = netlink.ListRules(rule.Family).Any(r =>
            r.Priority == rule.Priority && r.From == rule.From && r.FwMark == rule.FwMark && r.Table == rule.Table && r.Action == rule.Action);
        if (!present)
        {
            netlink.AddRule(rule);
        }
    }

    private void ApplyRuleset(NftTable table)
    {
        var text = table.Qualified + "\n" + table.Body;
        if (text == _appliedRuleset && nftables.ListTableJson(table.Family, table.Name) is not null)
        {
            return;
        }

        nftables.ApplyTable(table);
        _appliedRuleset = text;
        LogRulesetApplied(logger, table.Qualified, settings.ExternalSnat);
    }

    private Rule EniRule(IPAddress address, int table) =>
        new() { Priority = settings.EniRulePriority, From = Cidr.Create(address, 32), Table = table };

    private Rule MarkRule() =>
        new() { Priority = settings.MarkRulePriority, FwMark = settings.Mark, FwMask = settings.Mark, Table = RouteTables.Main };

    private static PhysicalAddress ParseMac(string mac) => PhysicalAddress.Parse(mac.Replace(':', '-').ToUpperInvariant());
}
