using System.Net;
using Cloudnet.Cni.Network;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Network;

/// <summary>
/// <see cref="NetlinkPodNetwork"/> for an IPv6 pod whose address belongs to a secondary interface
/// (route table 3): the 512/1536 rules, CHECK's verification and their removal. The network runs on
/// a thread inside a throwaway namespace standing in for the host, so the real host is untouched.
/// </summary>
public sealed class NetlinkPodNetworkIPv6Tests : IDisposable
{
    private static readonly IPAddress Pod = IPAddress.Parse("fd00:20::5");

    private readonly ThrowawayNamespace _host = ThrowawayNamespace.Create("cnt");
    private readonly ThrowawayNamespace _pod = ThrowawayNamespace.Create("cnt");

    [RootFact]
    public void Attach_IPv6OnSecondaryTable_AddsRulesThatVerifyAndDetachRemoves()
    {
        var wiring = new PodWiring(_pod.Path, "eth0", "cnt6rules00000a", Pod, 128, 0, RouteTable: 3);

        // Only netlink inside the namespaced thread: a child process or thread started there would stay in it.
        var problems = InHost(network =>
        {
            network.AttachAsync(wiring, CancellationToken.None).GetAwaiter().GetResult();
            return network.VerifyAsync(wiring, CancellationToken.None).GetAwaiter().GetResult();
        });
        var rules = _host.Ip("-6", "rule", "show").Stdout;
        var problemsAfterDetach = InHost(network =>
        {
            network.DetachAsync(wiring.HostVeth, [Pod], CancellationToken.None).GetAwaiter().GetResult();
            return network.VerifyAsync(wiring, CancellationToken.None).GetAwaiter().GetResult();
        });
        var rulesAfterDetach = _host.Ip("-6", "rule", "show").Stdout;

        Assert.Empty(problems);
        Assert.Contains($"512:\tfrom all to {Pod} lookup main", rules, StringComparison.Ordinal);
        Assert.Contains($"1536:\tfrom {Pod} lookup 3", rules, StringComparison.Ordinal);
        Assert.Contains($"host veth {wiring.HostVeth} is missing", problemsAfterDetach);
        Assert.DoesNotContain(Pod.ToString(), rulesAfterDetach, StringComparison.Ordinal);
        Assert.DoesNotContain("eth0", _pod.Ip("-o", "link", "show").Stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="work"/> on a thread inside the stand-in host namespace (forwarding left alone).</summary>
    private T InHost<T>(Func<NetlinkPodNetwork, T> work)
    {
        using var host = NetworkNamespace.Open(_host.Path);
        return host.Run(() =>
        {
            using var network = new NetlinkPodNetwork(_ => Forwarding.AlreadyOn);
            return work(network);
        });
    }

    public void Dispose()
    {
        _pod.Dispose();
        _host.Dispose();
    }
}
