using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Sysctl;

namespace Cloudnet.Cni.Network;

/// <summary>The veth pair: made before the daemon answers (ADD overlaps the two), completed by Attach.</summary>
public sealed partial class NetlinkPodNetwork
{
    private (string HostVeth, LinkInfo Host, LinkInfo Pod)? _pair;

    /// <summary>
    /// Creates the pair with the pod end directly in the pod's namespace and brings both ends up,
    /// or returns the one this instance already made for <paramref name="hostVeth"/>.
    /// </summary>
    private (LinkInfo Host, LinkInfo Pod) CreatePair(string netns, string ifName, string hostVeth, int mtu)
    {
        if (_pair is { } made && made.HostVeth == hostVeth)
        {
            return (made.Host, made.Pod);
        }

        var pod = TryPod(netns) ?? throw new PodNetworkException($"netns {netns} does not exist");
        // A host veth with our name is a leftover of an ADD of this key that died before rolling back.
        Host.DeleteLink(hostVeth);
        // Created down: the host end's IPv6 link-local address must skip DAD (see DisableHostDad).
        var hostLink = Host.CreateVeth(new VethSpec
        {
            Name = hostVeth,
            PeerName = ifName,
            PeerNamespace = _pod!.Value.Ns,
            Mtu = mtu > 0 ? mtu : null,
        });
        try
        {
            DisableHostDad(hostVeth);
            Host.SetLinkUp(hostLink.Index);
            var podLink = pod.GetLink(ifName) ?? throw new PodNetworkException($"{ifName} missing in {netns} after creation");
            // The peer is created down (the kernel cannot open it before the pair is joined).
            pod.SetLinkUp(podLink.Index);
            _pair = (hostVeth, hostLink, podLink);
            return (hostLink, podLink);
        }
        catch
        {
            Host.DeleteLink(hostVeth);
            throw;
        }
    }

    /// <summary>Deletes the host end (the pod end goes with it) and forgets the pair.</summary>
    private void RemovePair(string hostVeth)
    {
        if (_pair is { } made && made.HostVeth == hostVeth)
        {
            _pair = null;
        }

        Host.DeleteLink(hostVeth);
    }

    /// <summary>Gives both ends <paramref name="mtu"/> when the pair was made with another one; returns the MTU in effect.</summary>
    private int SetMtu(NetlinkSocket pod, LinkInfo hostLink, LinkInfo podLink, int mtu)
    {
        if (mtu <= 0 || hostLink.Mtu == mtu)
        {
            return hostLink.Mtu;
        }

        Host.SetLinkMtu(hostLink.Index, mtu);
        pod.SetLinkMtu(podLink.Index, mtu);
        return mtu;
    }

    /// <summary>
    /// Turns off duplicate address detection on the host end before it comes up. The host reaches
    /// an IPv6 pod by neighbour discovery from the veth's link-local address, and while that address
    /// is tentative (DAD: about a second, up to two) the kernel has no source for the solicitation,
    /// so the first packets to a new pod waited ~2 s. Nothing else can hold an address on a veth
    /// whose other end is ours. A kernel without IPv6 has no such key, which is fine.
    /// </summary>
    private void DisableHostDad(string hostVeth)
    {
        try
        {
            _sysctl.Write(SysctlKeys.AcceptDad(hostVeth), "0");
        }
        catch (SysctlException ex) when (ex.InnerException is FileNotFoundException or DirectoryNotFoundException)
        {
        }
    }
}
