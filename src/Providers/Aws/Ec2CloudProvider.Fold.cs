using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Providers.Aws;

// How EC2's answer to a change is folded into the view (see Ec2CloudProvider.View.cs). Each fold is
// idempotent, because a describe that overlapped the change may already show it; a fold that
// cannot apply (the ENI is not in the view) returns null and the next describe asks EC2.
public sealed partial class Ec2CloudProvider
{
    private static Func<NodeDescription, NodeDescription?> WithInterface(PoolInterface created) =>
        node => node with
        {
            Interfaces = [.. node.Interfaces.Where(i => i.Id != created.Id).Append(created).OrderBy(i => i.DeviceIndex)],
        };

    private static Func<NodeDescription, NodeDescription?> WithoutInterface(string interfaceId) =>
        node => node with { Interfaces = [.. node.Interfaces.Where(i => i.Id != interfaceId)] };

    private static Func<NodeDescription, NodeDescription?> WithAddresses(string interfaceId, IReadOnlyList<IPAddress> added, IReadOnlyList<IPAddress> removed) =>
        node => Change(node, interfaceId, eni => eni with { Addresses = Apply(eni.Addresses, added, removed) });

    private static Func<NodeDescription, NodeDescription?> WithPrefixes(string interfaceId, IReadOnlyList<Cidr> added, IReadOnlyList<Cidr> removed) =>
        node => Change(node, interfaceId, eni => eni with { Prefixes = Apply(eni.Prefixes, added, removed) });

    private static NodeDescription? Change(NodeDescription node, string interfaceId, Func<PoolInterface, PoolInterface> change)
    {
        for (var i = 0; i < node.Interfaces.Length; i++)
        {
            if (node.Interfaces[i].Id == interfaceId)
            {
                return node with { Interfaces = node.Interfaces.SetItem(i, change(node.Interfaces[i])) };
            }
        }

        return null;
    }

    private static ImmutableArray<T> Apply<T>(ImmutableArray<T> current, IReadOnlyList<T> added, IReadOnlyList<T> removed) =>
        [.. current.Except(removed).Union(added)];
}
