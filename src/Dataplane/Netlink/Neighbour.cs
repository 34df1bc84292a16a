using System.Net;
using System.Net.NetworkInformation;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>A neighbour (ARP / NDP) cache entry: <see cref="Address"/> is at <see cref="Mac"/> on a link.</summary>
/// <param name="LinkIndex">Index of the interface the entry belongs to.</param>
/// <param name="Address">The IP address (e.g. the pod's gateway 169.254.1.1).</param>
/// <param name="Mac">The hardware address; null in listings of unresolved entries.</param>
public sealed record Neighbour(int LinkIndex, IPAddress Address, PhysicalAddress? Mac)
{
    /// <summary>Entry state; default <see cref="NeighbourState.Permanent"/> (never expires, never probed).</summary>
    public NeighbourState State { get; init; } = NeighbourState.Permanent;

    /// <inheritdoc />
    public override string ToString() => $"{Address} lladdr {MacText.Format(Mac)} on ifindex {LinkIndex}";
}
