using System.Net;
using System.Net.Sockets;
using Cloudnet.Ipam.Addressing;
using k8s;
using k8s.Models;

namespace Cloudnet.Providers.BareMetal.Kubernetes;

/// <summary>Reads what the provider needs from Node objects.</summary>
public static class KubernetesNodes
{
    /// <summary>This node's <c>spec.podCIDRs</c> (or the older <c>spec.podCIDR</c>).</summary>
    /// <exception cref="Ipam.Cloud.CloudProviderException">The node is missing, has no podCIDRs, or the API failed.</exception>
    public static async Task<IReadOnlyList<Cidr>> PodCidrsAsync(IKubernetes client, string nodeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        V1Node node;
        try
        {
            node = await client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsApiFailure(e))
        {
            throw KubeErrors.Translate(e, "ReadPodCidrs", $"get node {nodeName}");
        }

        var texts = node.Spec?.PodCIDRs is { Count: > 0 } list ? list : node.Spec?.PodCIDR is { } one ? [one] : [];
        var cidrs = texts.Select(t => Cidr.TryParse(t, out var c) ? c : (Cidr?)null).OfType<Cidr>().ToList();
        return cidrs.Count > 0
            ? cidrs
            : throw new Ipam.Cloud.CloudProviderException(Ipam.Cloud.CloudErrorKind.NotFound, "ReadPodCidrs",
                $"node {nodeName} has no spec.podCIDRs (is the controller manager allocating node CIDRs?)");
    }

    /// <summary>The node's InternalIP, IPv4 preferred; null when it has none.</summary>
    public static IPAddress? InternalAddress(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var addresses = (node.Status?.Addresses ?? [])
            .Where(a => a.Type == "InternalIP" && IPAddress.TryParse(a.Address, out _))
            .Select(a => IPAddress.Parse(a.Address))
            .ToList();
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
    }
}
