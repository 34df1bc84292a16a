using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Sysctl;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Cni.Network;

/// <summary>
/// <see cref="IPodNetwork"/> over rtnetlink. One netlink socket per namespace for the whole
/// invocation: the host's (the process's own namespace) and the pod's, opened inside it once (the
/// main thread steps in and straight back out around socket(2)) and bound there — so no thread
/// ever switches namespace around an await (DESIGN.md). IPv4 and IPv6 pods are wired alike: a /32
/// or /128 (IPv6 without DAD), a link-local gateway (169.254.1.1 or fe80::1) as a permanent
/// neighbour, the default route through it, the host route, and rules for a non-main table.
/// </summary>
public sealed partial class NetlinkPodNetwork : IPodNetwork, IDisposable
{
    private readonly Func<string, Forwarding> _enableForwarding;
    private readonly ISysctl _sysctl;
    private NetlinkSocket? _host;
    private (string Path, NetworkNamespace Ns, NetlinkSocket Socket)? _pod;

    /// <summary>Creates the network; <paramref name="enableForwarding"/> turns on forwarding for a family ("ipv4"/"ipv6").</summary>
    /// <param name="enableForwarding">Default <see cref="ProcSysForwarding.Enable"/>.</param>
    /// <param name="sysctl">The host namespace's sysctls; default /proc/sys of the process.</param>
    public NetlinkPodNetwork(Func<string, Forwarding>? enableForwarding = null, ISysctl? sysctl = null)
    {
        _enableForwarding = enableForwarding ?? ProcSysForwarding.Enable;
        _sysctl = sysctl ?? new ProcSysctl();
    }

    private NetlinkSocket Host => _host ??= NetlinkSocket.Open();

    /// <inheritdoc />
    public Task<NetnsProbe> ProbeAsync(string netns, string ifName, CancellationToken cancellationToken) =>
        Guard($"probe netns {netns}", () =>
        {
            var pod = TryPod(netns);
            if (pod is null)
            {
                return NetnsProbe.NetnsMissing;
            }

            return pod.GetLink(ifName) is null ? NetnsProbe.Ready : NetnsProbe.IfNameTaken;
        });

    /// <inheritdoc />
    public Task PrepareAsync(string netns, string ifName, string hostVeth, int mtu, CancellationToken cancellationToken) =>
        Guard($"create veth {hostVeth} peer {ifName} in {netns}", () => CreatePair(netns, ifName, hostVeth, mtu));

    /// <inheritdoc />
    public Task<PodAttachment> AttachAsync(PodWiring wiring, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wiring);
        return Guard($"attach {wiring.Address} as {wiring.IfName} in {wiring.Netns} via {wiring.HostVeth}", () =>
        {
            var (hostLink, podLink) = CreatePair(wiring.Netns, wiring.IfName, wiring.HostVeth, wiring.Mtu);
            try
            {
                var pod = _pod!.Value.Socket;
                var mtu = SetMtu(pod, hostLink, podLink, wiring.Mtu);
                AddPodAddress(pod, wiring, podLink);
                WirePod(pod, wiring, hostLink, podLink);
                WireHost(wiring, hostLink);
                return new PodAttachment(wiring.HostVeth, FormatMac(hostLink), FormatMac(podLink), mtu);
            }
            catch
            {
                RemoveRules(wiring.Address);
                RemovePair(wiring.HostVeth);
                throw;
            }
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IPAddress>> FindPodAddressesAsync(string hostVeth, CancellationToken cancellationToken) =>
        Guard<IReadOnlyList<IPAddress>>($"list routes via {hostVeth}", () =>
        {
            if (Host.GetLink(hostVeth) is not { } link)
            {
                return [];
            }

            try
            {
                // Only the veth's own routes come back (a kernel-filtered dump), not every pod's.
                return [.. HostRoutesVia(AddressFamily.InterNetwork, link.Index).Concat(HostRoutesVia(AddressFamily.InterNetworkV6, link.Index))
                    .Select(r => r.Destination.Network)];
            }
            catch (NetlinkException ex) when (ex.Errno == Errno.ENODEV)
            {
                return []; // the veth went away between the two requests
            }
        });

    /// <inheritdoc />
    public Task RemoveRulesAsync(IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return Guard($"remove the rules of {string.Join(",", addresses)}", () =>
        {
            foreach (var address in addresses)
            {
                RemoveRules(address);
            }

            return true;
        });
    }

    /// <inheritdoc />
    public Task DetachAsync(string hostVeth, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return Guard($"detach {hostVeth}", () =>
        {
            foreach (var address in addresses)
            {
                RemoveRules(address);
            }

            // Deleting the host end takes the pod end, its address, neighbour and routes with it.
            RemovePair(hostVeth);
            return true;
        });
    }

    /// <summary>Closes the sockets and the namespace handle.</summary>
    public void Dispose()
    {
        _host?.Dispose();
        if (_pod is { } pod)
        {
            pod.Socket.Dispose();
            pod.Ns.Dispose();
        }
    }

    /// <summary>
    /// The pod's address (IPv6: no DAD, usable at once). A runtime may create the namespace with
    /// IPv6 disabled (Docker does by default, net.ipv6.conf.default.disable_ipv6=1): the kernel then
    /// refuses the address with EACCES, and IPv6 is enabled on the pod's interface only, once.
    /// </summary>
    private void AddPodAddress(NetlinkSocket pod, PodWiring wiring, LinkInfo podLink)
    {
        var v6 = wiring.Address.AddressFamily == AddressFamily.InterNetworkV6;
        var address = new LinkAddress(podLink.Index, wiring.Address, wiring.PrefixLength)
        {
            Flags = v6 ? AddressFlags.NoDad : AddressFlags.None,
        };
        try
        {
            pod.AddAddress(address);
        }
        catch (NetlinkException ex) when (v6 && ex.Errno == Errno.EACCES)
        {
            new ProcSysctl(_pod!.Value.Ns).Write(SysctlKeys.DisableIPv6(wiring.IfName), "0");
            pod.AddAddress(address);
        }
    }

    private static void WirePod(NetlinkSocket pod, PodWiring wiring, LinkInfo hostLink, LinkInfo podLink)
    {
        var v6 = wiring.Address.AddressFamily == AddressFamily.InterNetworkV6;
        // The gateway is never answered by ARP: a permanent entry maps it to the host end.
        pod.AddNeighbour(new Neighbour(podLink.Index, wiring.Gateway, hostLink.Mac));
        pod.ReplaceRoute(new Route
        {
            Destination = Cidr.Create(v6 ? IPAddress.IPv6Any : IPAddress.Any, 0),
            Gateway = wiring.Gateway,
            LinkIndex = podLink.Index,
            OnLink = true,
        });
    }

    private void WireHost(PodWiring wiring, LinkInfo hostLink)
    {
        var v6 = wiring.Address.AddressFamily == AddressFamily.InterNetworkV6;
        Host.ReplaceRoute(new Route
        {
            Destination = Cidr.Create(wiring.Address, wiring.PrefixLength),
            LinkIndex = hostLink.Index,
            Scope = RouteScope.Link,
        });
        if (wiring.NeedsRules)
        {
            var pod = Cidr.Create(wiring.Address, wiring.PrefixLength);
            RemoveRules(wiring.Address);
            Host.AddRule(new Rule { Priority = PodWiring.ToPodRulePriority, To = pod, Table = PodWiring.MainTable });
            Host.AddRule(new Rule { Priority = PodWiring.FromPodRulePriority, From = pod, Table = wiring.RouteTable });
        }

        _enableForwarding(v6 ? "ipv6" : "ipv4");
    }

    /// <summary>Removes the pod's two rules (any table, any installer), repeating until none is left.</summary>
    private void RemoveRules(IPAddress address)
    {
        var pod = Cidr.Create(address, address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
        Rule[] patterns =
        [
            new() { Priority = PodWiring.ToPodRulePriority, To = pod, Table = 0, Protocol = RouteProtocol.Unspecified },
            new() { Priority = PodWiring.FromPodRulePriority, From = pod, Table = 0, Protocol = RouteProtocol.Unspecified },
        ];
        foreach (var pattern in patterns)
        {
            for (var i = 0; i < 16 && Host.DeleteRule(pattern) == DeleteOutcome.Deleted; i++)
            {
            }
        }
    }

    private IEnumerable<Route> HostRoutesVia(AddressFamily family, int linkIndex) =>
        Host.ListRoutes(family, PodWiring.MainTable, linkIndex)
            .Where(r => r.Gateway is null && r.Destination.PrefixLength == r.Destination.AddressBits && r.Type == RouteType.Unicast);

    private IEnumerable<Route> HostRoutes(AddressFamily family) =>
        Host.ListRoutes(family, PodWiring.MainTable)
            .Where(r => r.Gateway is null && r.Destination.PrefixLength == r.Destination.AddressBits && r.Type == RouteType.Unicast);

    private NetlinkSocket? TryPod(string netns)
    {
        if (_pod is { } open && open.Path == netns)
        {
            return open.Socket;
        }

        NetworkNamespace? ns;
        try
        {
            ns = NetworkNamespace.TryOpen(netns);
        }
        catch (NetworkNamespaceException)
        {
            return null;
        }

        if (ns is null)
        {
            return null;
        }

        NetlinkSocket socket;
        try
        {
            // The binary's main thread steps into the namespace and back around socket(2); a
            // thread-pool thread (never the case today) would get a dedicated thread instead.
            socket = Thread.CurrentThread.IsThreadPoolThread ? ns.OpenNetlink() : ns.OpenNetlinkOnCallingThread();
        }
        catch
        {
            ns.Dispose();
            throw;
        }

        _pod = (netns, ns, socket);
        return socket;
    }

    private static string FormatMac(LinkInfo link) =>
        link.Mac is null ? string.Empty : string.Join(':', link.Mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private static Task<T> Guard<T>(string operation, Func<T> work)
    {
        try
        {
            return Task.FromResult(work());
        }
        catch (Exception ex) when (ex is NetlinkException or NetworkNamespaceException or IOException or UnauthorizedAccessException)
        {
            return Task.FromException<T>(new PodNetworkException($"{operation}: {ex.Message}", ex));
        }
        catch (PodNetworkException ex)
        {
            return Task.FromException<T>(new PodNetworkException($"{operation}: {ex.Message}", ex));
        }
    }
}
