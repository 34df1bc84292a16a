using System.Net;

namespace Cloudnet.Cni.Network;

/// <summary>
/// The kernel side of an attachment: the veth pair, addresses, routes, neighbour and rules in
/// the pod's and the host's network namespaces. The host namespace is the one the binary runs in.
/// </summary>
public interface IPodNetwork
{
    /// <summary>Checks that the netns exists and that <paramref name="ifName"/> is free in it — before any address is taken.</summary>
    Task<NetnsProbe> ProbeAsync(string netns, string ifName, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the veth pair before the address is known — <paramref name="hostVeth"/> on the host,
    /// <paramref name="ifName"/> in <paramref name="netns"/>, both up — so the kernel work overlaps the
    /// daemon's. <see cref="AttachAsync"/> completes it; <see cref="DetachAsync"/> removes it. On failure
    /// removes what it created, then throws <see cref="PodNetworkException"/>.
    /// </summary>
    /// <param name="mtu">MTU of both ends in bytes; 0 leaves the kernel default (AttachAsync sets the final one).</param>
    Task PrepareAsync(string netns, string ifName, string hostVeth, int mtu, CancellationToken cancellationToken);

    /// <summary>
    /// Builds the attachment, completing the pair <see cref="PrepareAsync"/> made (or making it). On
    /// failure removes whatever it and PrepareAsync created, then throws <see cref="PodNetworkException"/>.
    /// </summary>
    Task<PodAttachment> AttachAsync(PodWiring wiring, CancellationToken cancellationToken);

    /// <summary>The pod addresses routed through <paramref name="hostVeth"/> (its host routes); empty when the link is gone.</summary>
    Task<IReadOnlyList<IPAddress>> FindPodAddressesAsync(string hostVeth, CancellationToken cancellationToken);

    /// <summary>Removes the rules (priorities 512/1536) of the addresses. Idempotent.</summary>
    Task RemoveRulesAsync(IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken);

    /// <summary>Removes the host veth (which takes the pod end with it) and the rules of the addresses. Idempotent.</summary>
    Task DetachAsync(string hostVeth, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken);

    /// <summary>Compares the kernel with <paramref name="wiring"/>; returns the problems found (empty when all is well).</summary>
    Task<IReadOnlyList<string>> VerifyAsync(PodWiring wiring, CancellationToken cancellationToken);

    /// <summary>
    /// Removes host veths named with <paramref name="vethPrefix"/> that are not in <paramref name="keep"/>,
    /// and pod rules (priorities 512/1536) whose address no longer has a host route. Returns what was removed.
    /// </summary>
    Task<IReadOnlyList<string>> CollectGarbageAsync(string vethPrefix, IReadOnlySet<string> keep, CancellationToken cancellationToken);
}
