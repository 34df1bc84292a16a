using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Dataplane.Tests.Netlink;

/// <summary>
/// Two throwaway namespaces, one standing in for the host and one for the pod, with a netlink
/// socket opened inside each. Disposal closes sockets and handles before deleting the namespaces.
/// </summary>
internal sealed class TwoNamespaces : IDisposable
{
    private TwoNamespaces(ThrowawayNamespace hostNs, ThrowawayNamespace podNs)
    {
        HostNs = hostNs;
        PodNs = podNs;
    }

    public ThrowawayNamespace HostNs { get; }

    public ThrowawayNamespace PodNs { get; }

    public NetworkNamespace Host { get; private set; } = null!;

    public NetworkNamespace Pod { get; private set; } = null!;

    public NetlinkSocket HostLink { get; private set; } = null!;

    public NetlinkSocket PodLink { get; private set; } = null!;

    public static TwoNamespaces Create()
    {
        var hostNs = ThrowawayNamespace.Create();
        ThrowawayNamespace? podNs = null;
        TwoNamespaces? pair = null;
        try
        {
            podNs = ThrowawayNamespace.Create();
            pair = new TwoNamespaces(hostNs, podNs);
            pair.Host = NetworkNamespace.Open(hostNs.Path);
            pair.Pod = NetworkNamespace.Open(podNs.Path);
            pair.HostLink = pair.Host.OpenNetlink();
            pair.PodLink = pair.Pod.OpenNetlink();
            return pair;
        }
        catch
        {
            if (pair is not null)
            {
                pair.Dispose();
            }
            else
            {
                podNs?.Dispose();
                hostNs.Dispose();
            }

            throw;
        }
    }

    /// <summary>A veth pair: "vh-test" in the host namespace, "eth0" in the pod, both up.</summary>
    public LinkInfo CreateVeth(string hostName = "vh-test", string podName = "eth0", int? mtu = null)
    {
        var host = HostLink.CreateVeth(new VethSpec { Name = hostName, PeerName = podName, PeerNamespace = Pod, Mtu = mtu, Up = true });
        PodLink.SetLinkUp(PodLink.GetLink(podName)!.Index);
        return HostLink.GetLink(host.Index)!;
    }

    public void Dispose()
    {
        HostLink?.Dispose();
        PodLink?.Dispose();
        Host?.Dispose();
        Pod?.Dispose();
        PodNs.Dispose();
        HostNs.Dispose();
    }
}
