using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Cni.Network;

/// <summary>CHECK's verification and GC's host cleanup.</summary>
public sealed partial class NetlinkPodNetwork
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> VerifyAsync(PodWiring wiring, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        return Guard<IReadOnlyList<string>>($"verify {wiring.IfName} in {wiring.Netns}", () =>
        {
            var problems = new List<string>();
            var hostLink = Host.GetLink(wiring.HostVeth);
            if (hostLink is null)
            {
                problems.Add($"host veth {wiring.HostVeth} is missing");
            }
            else
            {
                VerifyHost(wiring, hostLink, problems);
            }

            if (TryPod(wiring.Netns) is not { } pod)
            {
                problems.Add($"netns {wiring.Netns} is missing");
                return problems;
            }

            VerifyPod(pod, wiring, hostLink, problems);
            return problems;
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> CollectGarbageAsync(string vethPrefix, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return Guard<IReadOnlyList<string>>($"collect leftovers with prefix {vethPrefix}", () =>
        {
            var removed = new List<string>();
            foreach (var link in Host.ListLinks())
            {
                if (link.Kind == "veth" && link.Name.StartsWith(vethPrefix, StringComparison.Ordinal)
                    && link.Name.Length == HostVethName.MaxLength && !keep.Contains(link.Name)
                    && Host.DeleteLink(link.Index) == DeleteOutcome.Deleted)
                {
                    removed.Add(link.Name);
                }
            }

            // A pod rule is alive only while a host route leads to its pod through one of our veths.
            var ours = Host.ListLinks().Where(l => l.Name.StartsWith(vethPrefix, StringComparison.Ordinal)).Select(l => l.Index).ToHashSet();
            foreach (var family in (ReadOnlySpan<AddressFamily>)[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
            {
                var routed = HostRoutes(family).Where(r => r.LinkIndex is { } i && ours.Contains(i)).Select(r => r.Destination).ToHashSet();
                foreach (var rule in Host.ListRules(family))
                {
                    var pod = rule.Priority switch
                    {
                        PodWiring.ToPodRulePriority => rule.To,
                        PodWiring.FromPodRulePriority => rule.From,
                        _ => null,
                    };
                    if (pod is { } p && p.PrefixLength == p.AddressBits && !routed.Contains(p)
                        && Host.DeleteRule(rule with { Protocol = RouteProtocol.Unspecified }) == DeleteOutcome.Deleted)
                    {
                        removed.Add($"rule {rule}");
                    }
                }
            }

            return removed;
        });
    }

    private void VerifyHost(PodWiring wiring, LinkInfo hostLink, List<string> problems)
    {
        if (!hostLink.IsUp)
        {
            problems.Add($"host veth {wiring.HostVeth} is down");
        }

        if (wiring.Mtu > 0 && hostLink.Mtu != wiring.Mtu)
        {
            problems.Add($"host veth {wiring.HostVeth} has MTU {hostLink.Mtu}, expected {wiring.Mtu}");
        }

        var pod = Cidr.Create(wiring.Address, wiring.PrefixLength);
        if (!HostRoutes(pod.Family).Any(r => r.Destination == pod && r.LinkIndex == hostLink.Index))
        {
            problems.Add($"host route {pod} dev {wiring.HostVeth} is missing");
        }

        if (wiring.NeedsRules)
        {
            var rules = Host.ListRules(pod.Family);
            if (!rules.Any(r => r.Priority == PodWiring.ToPodRulePriority && r.To == pod && r.Table == PodWiring.MainTable))
            {
                problems.Add($"rule {PodWiring.ToPodRulePriority}: to {pod} lookup main is missing");
            }

            if (!rules.Any(r => r.Priority == PodWiring.FromPodRulePriority && r.From == pod && r.Table == wiring.RouteTable))
            {
                problems.Add($"rule {PodWiring.FromPodRulePriority}: from {pod} lookup {wiring.RouteTable} is missing");
            }
        }
    }

    private static void VerifyPod(NetlinkSocket pod, PodWiring wiring, LinkInfo? hostLink, List<string> problems)
    {
        if (pod.GetLink(wiring.IfName) is not { } link)
        {
            problems.Add($"interface {wiring.IfName} is missing in {wiring.Netns}");
            return;
        }

        if (!link.IsUp)
        {
            problems.Add($"interface {wiring.IfName} is down");
        }

        var family = wiring.Address.AddressFamily;
        if (!pod.ListAddresses(family, link.Index).Any(a => a.Address.Equals(wiring.Address) && a.PrefixLength == wiring.PrefixLength))
        {
            problems.Add($"address {wiring.Address}/{wiring.PrefixLength} is missing on {wiring.IfName}");
        }

        var neighbour = pod.ListNeighbours(family, link.Index).FirstOrDefault(n => n.Address.Equals(wiring.Gateway));
        if (neighbour is null || neighbour.State != NeighbourState.Permanent)
        {
            problems.Add($"permanent neighbour {wiring.Gateway} is missing on {wiring.IfName}");
        }
        else if (hostLink?.Mac is { } mac && !mac.Equals(neighbour.Mac))
        {
            problems.Add($"neighbour {wiring.Gateway} points at {neighbour.Mac}, not the host veth {mac}");
        }

        // Later plugins in the chain may add routes (spec: CHECK must allow it); ours must still be there.
        if (!pod.ListRoutes(family).Any(r => r.Destination.PrefixLength == 0 && wiring.Gateway.Equals(r.Gateway) && r.LinkIndex == link.Index))
        {
            problems.Add($"default route via {wiring.Gateway} dev {wiring.IfName} is missing");
        }
    }
}
