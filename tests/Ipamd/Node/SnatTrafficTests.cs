using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipamd.Node;
using Cloudnet.Testing;

namespace Cloudnet.Ipamd.Tests.Node;

/// <summary>Real packets through <see cref="EniNodeNetwork"/>'s tables, rules and SNAT (see <see cref="EniTestTopology"/>).</summary>
public sealed class SnatTrafficTests : IDisposable
{
    private readonly EniTestTopology? _box = Privileges.IsRoot ? new EniTestTopology() : null;

    private EniTestTopology Box => _box!;

    [RootFact]
    public async Task PodOnSecondaryEni_ToVpcAddress_LeavesByItsEniKeepingItsAddress()
    {
        await Box.NodeNetwork().ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        var seen = await EniTestTopology.SourceSeenAsync(Box.Pod, Box.Vpc, EniTestTopology.VpcHost, 8080);

        Assert.Equal(EniTestTopology.PodIp, seen);
    }

    [RootFact]
    public async Task PodOnSecondaryEni_ToOutside_SnatedToThePrimaryAddress()
    {
        await Box.NodeNetwork().ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        var seen = await EniTestTopology.SourceSeenAsync(Box.Pod, Box.Outside, EniTestTopology.OutsideHost, 8081);

        Assert.Equal(EniTestTopology.PrimaryIp, seen);
    }

    [RootFact]
    public async Task PodOnSecondaryEni_ToExcludedCidr_KeepsItsAddress()
    {
        var settings = new EniNetworkSettings { ExcludeSnatCidrs = [Cidr.Parse("198.51.100.0/24")] };
        await Box.NodeNetwork(settings).ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        var seen = await EniTestTopology.SourceSeenAsync(Box.Pod, Box.Outside, EniTestTopology.OutsideHost, 8082);

        Assert.Equal(EniTestTopology.PodIp, seen);
    }

    [RootFact]
    public async Task ExternalSnat_PodToOutside_KeepsItsAddress()
    {
        await Box.NodeNetwork(new EniNetworkSettings { ExternalSnat = true }).ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        var seen = await EniTestTopology.SourceSeenAsync(Box.Pod, Box.Outside, EniTestTopology.OutsideHost, 8083);

        Assert.Equal(EniTestTopology.PodIp, seen);
    }

    [RootFact]
    public async Task NodePortToPodOnSecondaryEni_RepliesLeaveByThePrimaryEni()
    {
        // kube-proxy's part: NodePort 30080 on the primary address → the pod's 8080.
        Box.Node.Exec("nft", "add table ip kubeproxy_test; add chain ip kubeproxy_test pre { type nat hook prerouting priority dstnat; }; "
            + "add rule ip kubeproxy_test pre ip daddr 10.0.0.10 tcp dport 30080 dnat to 10.0.32.50:8080").EnsureSuccess();
        await Box.NodeNetwork().ApplyAsync(EniTestTopology.Description(), CancellationToken.None);

        var seen = await EniTestTopology.SourceSeenAsync(
            Box.Outside, Box.Pod, EniTestTopology.PodIp, 8080, connectTo: EniTestTopology.PrimaryIp, connectPort: 30080);

        Assert.Equal(EniTestTopology.OutsideHost, seen);
    }

    public void Dispose() => _box?.Dispose();
}
