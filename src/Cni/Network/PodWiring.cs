using System.Net;
using System.Net.Sockets;

namespace Cloudnet.Cni.Network;

/// <summary>Everything ADD builds for one attachment, and CHECK expects to find.</summary>
/// <param name="Netns">The pod's network namespace path (CNI_NETNS).</param>
/// <param name="IfName">The pod interface (CNI_IFNAME).</param>
/// <param name="HostVeth">The host end's name (<see cref="HostVethName"/>).</param>
/// <param name="Address">The pod address.</param>
/// <param name="PrefixLength">32 or 128.</param>
/// <param name="Mtu">MTU of both ends in bytes; 0 leaves the kernel default.</param>
/// <param name="RouteTable">Route table of the owning interface; 254 (main) needs no rules.</param>
public sealed record PodWiring(string Netns, string IfName, string HostVeth, IPAddress Address, int PrefixLength, int Mtu, int RouteTable)
{
    /// <summary>The main route table.</summary>
    public const int MainTable = 254;

    /// <summary>Priority of the rule "to pod lookup main": before any "from" rule, so traffic to the pod stays local.</summary>
    public const int ToPodRulePriority = 512;

    /// <summary>Priority of the rule "from pod lookup table": the pod leaves through the interface that owns its address.</summary>
    public const int FromPodRulePriority = 1536;

    /// <summary>The pod's gateway: link-local, answered by a permanent neighbour entry (no ARP, no address on the host veth).</summary>
    public static IPAddress GatewayV4 { get; } = IPAddress.Parse("169.254.1.1");

    /// <summary>The IPv6 counterpart of <see cref="GatewayV4"/>.</summary>
    public static IPAddress GatewayV6 { get; } = IPAddress.Parse("fe80::1");

    /// <summary>The gateway for this pod's family.</summary>
    public IPAddress Gateway => Address.AddressFamily == AddressFamily.InterNetworkV6 ? GatewayV6 : GatewayV4;

    /// <summary>True when the rules to and from the pod are needed.</summary>
    public bool NeedsRules => RouteTable is not (MainTable or 0);
}
