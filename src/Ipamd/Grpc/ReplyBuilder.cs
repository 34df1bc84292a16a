using System.Net.Sockets;
using Cloudnet.Contract.V1;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Ipamd.State;

namespace Cloudnet.Ipamd.Grpc;

/// <summary>Fills replies from an allocation and the interface that owns its address.</summary>
public sealed class ReplyBuilder(Datastore datastore, DaemonState state, DaemonOptions options, ProviderDefinition provider)
{
    /// <summary>The MTU handed to pods: CLOUDNET_MTU, else the provider's default.</summary>
    public int Mtu => options.Mtu ?? provider.DefaultMtu;

    /// <summary>The ADD reply for <paramref name="allocation"/>.</summary>
    public AddReply Add(Allocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        var owner = Owner(allocation);
        var reply = new AddReply
        {
            Address = allocation.Address.ToString(),
            PrefixLength = PrefixLength(allocation),
            Gateway = owner?.Gateway?.ToString() ?? "",
            RouteTable = owner?.RouteTable ?? RouteTables.Main,
            DeviceIndex = owner?.DeviceIndex ?? 0,
            Mtu = Mtu,
            InterfaceId = owner?.Id ?? allocation.InterfaceId,
            Snat = new SnatSettings { External = options.Snat.External },
        };
        reply.Snat.ExcludeCidrs.AddRange(options.Snat.ExcludeCidrs.Select(c => c.ToString()));
        reply.VpcCidrs.AddRange((state.Node?.VpcCidrs ?? []).Select(c => c.ToString()));
        return reply;
    }

    /// <summary>The CHECK reply for <paramref name="allocation"/>.</summary>
    public CheckReply Check(Allocation allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return new CheckReply
        {
            Address = allocation.Address.ToString(),
            PrefixLength = PrefixLength(allocation),
            RouteTable = Owner(allocation)?.RouteTable ?? RouteTables.Main,
        };
    }

    private static int PrefixLength(Allocation allocation) =>
        allocation.Address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private PoolInterface? Owner(Allocation allocation) =>
        datastore.InterfaceOf(allocation.Address)
        ?? datastore.Interfaces().FirstOrDefault(i => i.Id == allocation.InterfaceId);
}
