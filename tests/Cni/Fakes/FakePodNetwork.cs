using System.Net;
using Cloudnet.Cni.Network;

namespace Cloudnet.Cni.Tests.Fakes;

/// <summary>
/// An in-memory kernel: namespaces that exist, interfaces per namespace, host veths with the
/// addresses routed through them and the rules of those addresses. Attach can be told to fail.
/// </summary>
internal sealed class FakePodNetwork : IPodNetwork
{
    public HashSet<string> Namespaces { get; } = ["/run/netns/pod"];

    public HashSet<(string Netns, string IfName)> PodLinks { get; } = [];

    public Dictionary<string, (string Netns, string IfName, IPAddress Address, PodWiring Wiring)> HostVeths { get; } = [];

    public HashSet<IPAddress> RuleAddresses { get; } = [];

    public bool FailAttach { get; set; }

    public bool FailPrepare { get; set; }

    /// <summary>Pairs made by Prepare and not yet completed by Attach: host veth → (netns, ifname).</summary>
    public Dictionary<string, (string Netns, string IfName)> Prepared { get; } = [];

    public List<string> VerifyProblems { get; } = [];

    public Task<NetnsProbe> ProbeAsync(string netns, string ifName, CancellationToken cancellationToken) =>
        Task.FromResult(!Namespaces.Contains(netns) ? NetnsProbe.NetnsMissing
            : PodLinks.Contains((netns, ifName)) ? NetnsProbe.IfNameTaken : NetnsProbe.Ready);

    public Task PrepareAsync(string netns, string ifName, string hostVeth, int mtu, CancellationToken cancellationToken)
    {
        if (FailPrepare)
        {
            throw new PodNetworkException($"create veth {hostVeth}: injected failure");
        }

        Prepared[hostVeth] = (netns, ifName);
        PodLinks.Add((netns, ifName));
        return Task.CompletedTask;
    }

    public Task<PodAttachment> AttachAsync(PodWiring wiring, CancellationToken cancellationToken)
    {
        if (FailAttach)
        {
            // Like the real one: what Prepare made goes too.
            if (Prepared.Remove(wiring.HostVeth, out var p))
            {
                PodLinks.Remove(p);
            }

            throw new PodNetworkException($"attach {wiring.Address}: injected failure");
        }

        Prepared.Remove(wiring.HostVeth);

        HostVeths[wiring.HostVeth] = (wiring.Netns, wiring.IfName, wiring.Address, wiring);
        PodLinks.Add((wiring.Netns, wiring.IfName));
        if (wiring.NeedsRules)
        {
            RuleAddresses.Add(wiring.Address);
        }

        return Task.FromResult(new PodAttachment(wiring.HostVeth, "02:00:00:00:00:01", "02:00:00:00:00:02", wiring.Mtu));
    }

    public Task<IReadOnlyList<IPAddress>> FindPodAddressesAsync(string hostVeth, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IPAddress>>(HostVeths.TryGetValue(hostVeth, out var v) ? [v.Address] : []);

    public Task RemoveRulesAsync(IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        foreach (var a in addresses)
        {
            RuleAddresses.Remove(a);
        }

        return Task.CompletedTask;
    }

    public Task DetachAsync(string hostVeth, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        foreach (var a in addresses)
        {
            RuleAddresses.Remove(a);
        }

        if (HostVeths.Remove(hostVeth, out var v))
        {
            PodLinks.Remove((v.Netns, v.IfName));
        }

        if (Prepared.Remove(hostVeth, out var p))
        {
            PodLinks.Remove(p);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> VerifyAsync(PodWiring wiring, CancellationToken cancellationToken)
    {
        var problems = new List<string>(VerifyProblems);
        if (!HostVeths.TryGetValue(wiring.HostVeth, out var v))
        {
            problems.Add($"host veth {wiring.HostVeth} is missing");
        }
        else if (!v.Address.Equals(wiring.Address))
        {
            problems.Add($"address {wiring.Address} is missing");
        }

        return Task.FromResult<IReadOnlyList<string>>(problems);
    }

    public Task<IReadOnlyList<string>> CollectGarbageAsync(string vethPrefix, IReadOnlySet<string> keep, CancellationToken cancellationToken)
    {
        var removed = HostVeths.Keys.Where(k => k.StartsWith(vethPrefix, StringComparison.Ordinal) && !keep.Contains(k)).ToList();
        foreach (var name in removed)
        {
            RuleAddresses.Remove(HostVeths[name].Address);
            PodLinks.Remove((HostVeths[name].Netns, HostVeths[name].IfName));
            HostVeths.Remove(name);
        }

        return Task.FromResult<IReadOnlyList<string>>(removed);
    }
}
