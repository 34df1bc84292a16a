using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Nftables;
using Cloudnet.Dataplane.Sysctl;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Node;
using Cloudnet.Testing.Netns;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cloudnet.Ipamd.Tests.Node;

/// <summary>
/// A node in a box. "node" stands in for the EC2 instance with eth0 (primary ENI, 10.0.0.10 in
/// 10.0.0.0/19) and eth1 (secondary ENI, device 1, 10.0.32.5 in 10.0.32.0/19), both veths whose far
/// ends sit in "vpc", the VPC router: it owns the gateways .1, a VPC host address 10.0.64.5, and a
/// link to "outside" (198.51.100.7, TEST-NET-2) standing in for the internet. The router checks
/// source addresses strictly per link (rp_filter 1), as EC2's source/destination check does: a
/// packet leaving by the wrong ENI is dropped; like the VPC, it delivers a secondary address to its
/// ENI's MAC without ARP. "pod" holds a pod whose address 10.0.32.50 lives on
/// eth1, wired as the CNI binary wires it (veth, /32, link-local gateway, rules 512 and 1536).
/// </summary>
internal sealed class EniTestTopology : IDisposable
{
    public const string PrimaryMac = "0a:00:00:00:00:01";
    public const string SecondaryMac = "0a:00:00:00:00:02";
    public static readonly IPAddress PrimaryIp = IPAddress.Parse("10.0.0.10");
    public static readonly IPAddress SecondaryIp = IPAddress.Parse("10.0.32.5");
    public static readonly IPAddress PodIp = IPAddress.Parse("10.0.32.50");
    public static readonly IPAddress VpcHost = IPAddress.Parse("10.0.64.5");
    public static readonly IPAddress OutsideHost = IPAddress.Parse("198.51.100.7");

    private readonly List<IDisposable> _owned = [];

    public EniTestTopology()
    {
        try
        {
            Node = Own(ThrowawayNamespace.Create());
            Vpc = Own(ThrowawayNamespace.Create());
            Outside = Own(ThrowawayNamespace.Create());
            Pod = Own(ThrowawayNamespace.Create());
            Build();
            NodeNamespace = Own(NetworkNamespace.Open(Node.Path));
            Netlink = Own(NodeNamespace.OpenNetlink());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ThrowawayNamespace Node { get; } = null!;

    public ThrowawayNamespace Vpc { get; } = null!;

    public ThrowawayNamespace Outside { get; } = null!;

    public ThrowawayNamespace Pod { get; } = null!;

    public NetworkNamespace NodeNamespace { get; } = null!;

    public NetlinkSocket Netlink { get; } = null!;

    /// <summary>What the AWS provider would describe for this node.</summary>
    public static NodeDescription Description(bool withSecondary = true)
    {
        var primary = new PoolInterface
        {
            Id = "eni-primary", Kind = InterfaceKind.Eni, DeviceIndex = 0, IsPrimary = true, MacAddress = PrimaryMac,
            PrimaryAddress = PrimaryIp, Subnet = Cidr.Parse("10.0.0.0/19"), Gateway = IPAddress.Parse("10.0.0.1"), RouteTable = RouteTables.Main,
        };
        var secondary = new PoolInterface
        {
            Id = "eni-second", Kind = InterfaceKind.Eni, DeviceIndex = 1, MacAddress = SecondaryMac, PrimaryAddress = SecondaryIp,
            Subnet = Cidr.Parse("10.0.32.0/19"), Gateway = IPAddress.Parse("10.0.32.1"), RouteTable = 2, Addresses = [PodIp],
        };
        return new NodeDescription
        {
            NodeId = "i-test",
            Interfaces = withSecondary ? [primary, secondary] : [primary],
            VpcCidrs = [Cidr.Parse("10.0.0.0/16")],
            Limits = new PoolLimits { MaxInterfaces = 3, AddressesPerInterface = 9 },
        };
    }

    public EniNodeNetwork NodeNetwork(EniNetworkSettings? settings = null) => new(
        Netlink, new ProcSysctl(NodeNamespace), new LibNftables(NodeNamespace), settings ?? new EniNetworkSettings(), NullLogger<EniNodeNetwork>.Instance);

    /// <summary>Connects from the pod to <paramref name="server"/>:<paramref name="port"/> served in
    /// <paramref name="serverNs"/> and returns the client address the server saw, or null on failure.</summary>
    public static async Task<IPAddress?> SourceSeenAsync(ThrowawayNamespace clientNs, ThrowawayNamespace serverNs, IPAddress server, int port, IPAddress? connectTo = null, int? connectPort = null)
    {
        using var serverNamespace = NetworkNamespace.Open(serverNs.Path);
        using var clientNamespace = NetworkNamespace.Open(clientNs.Path);
        using var listener = serverNamespace.Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(server, port));
            socket.Listen();
            return socket;
        });
        using var client = clientNamespace.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        // Generous: a link just brought up may drop the first SYN or ARP until the kernel activates
        // it, and TCP retries only after 1 s and 3 s; a loaded machine stretches all of that.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var accept = listener.AcceptAsync(timeout.Token).AsTask();
        try
        {
            await client.ConnectAsync(new IPEndPoint(connectTo ?? server, connectPort ?? port), timeout.Token);
            using var accepted = await accept;
            return ((IPEndPoint)accepted.RemoteEndPoint!).Address;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    private void Build()
    {
        Run(Vpc.Ip("link", "add", "r0", "type", "veth", "peer", "name", "eth0", "netns", Node.Name));
        Run(Vpc.Ip("link", "add", "r1", "type", "veth", "peer", "name", "eth1", "netns", Node.Name));
        Run(Vpc.Ip("link", "add", "rx", "type", "veth", "peer", "name", "o0", "netns", Outside.Name));
        Run(Node.Ip("link", "add", "vethpod", "type", "veth", "peer", "name", "eth0", "netns", Pod.Name));
        Run(Node.Ip("link", "set", "eth0", "address", PrimaryMac));
        Run(Node.Ip("link", "set", "eth1", "address", SecondaryMac));

        foreach (var (link, address) in new[] { ("r0", "10.0.0.1/19"), ("r1", "10.0.32.1/19"), ("rx", "198.51.100.1/24") })
        {
            Run(Vpc.Ip("addr", "add", address, "dev", link));
            Run(Vpc.Ip("link", "set", link, "up"));
        }

        Run(Vpc.Ip("addr", "add", "10.0.64.5/32", "dev", "lo"));

        // The VPC knows which ENI holds each secondary address and delivers to that ENI's MAC; it never
        // ARPs into the instance (the node does not answer ARP for its pods' addresses).
        Run(Vpc.Ip("neigh", "add", "10.0.32.50", "lladdr", SecondaryMac, "dev", "r1", "nud", "permanent"));
        Sysctl(Vpc, "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=1", "net.ipv4.conf.r0.rp_filter=1", "net.ipv4.conf.r1.rp_filter=1");

        Run(Outside.Ip("addr", "add", "198.51.100.7/24", "dev", "o0"));
        Run(Outside.Ip("link", "set", "o0", "up"));
        Run(Outside.Ip("route", "add", "default", "via", "198.51.100.1"));

        // The OS configures the primary ENI (DHCP); secondary ENIs are left to cloudnet.
        Run(Node.Ip("addr", "add", "10.0.0.10/19", "dev", "eth0"));
        Run(Node.Ip("link", "set", "eth0", "up"));
        Run(Node.Ip("route", "add", "default", "via", "10.0.0.1", "dev", "eth0"));
        Sysctl(Node, "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=1", "net.ipv4.conf.default.rp_filter=1");

        // The pod, as the CNI binary wires it.
        Run(Node.Ip("link", "set", "vethpod", "up"));
        Sysctl(Node, "net.ipv4.conf.vethpod.rp_filter=1");
        var hostMac = Node.Ip("-br", "link", "show", "vethpod").EnsureSuccess().Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        Run(Pod.Ip("addr", "add", "10.0.32.50/32", "dev", "eth0"));
        Run(Pod.Ip("link", "set", "eth0", "up"));
        Run(Pod.Ip("route", "add", "169.254.1.1", "dev", "eth0", "scope", "link"));
        Run(Pod.Ip("route", "add", "default", "via", "169.254.1.1", "dev", "eth0"));
        Run(Pod.Ip("neigh", "add", "169.254.1.1", "lladdr", hostMac, "dev", "eth0", "nud", "permanent"));
        Run(Node.Ip("route", "add", "10.0.32.50/32", "dev", "vethpod"));
        Run(Node.Ip("rule", "add", "to", "10.0.32.50/32", "lookup", "main", "priority", "512"));
        Run(Node.Ip("rule", "add", "from", "10.0.32.50/32", "lookup", "2", "priority", "1536"));
    }

    private static void Sysctl(ThrowawayNamespace ns, params string[] settings)
    {
        foreach (var setting in settings)
        {
            Run(ns.Exec("sysctl", "-q", "-w", setting));
        }
    }

    private static void Run(CommandResult result) => result.EnsureSuccess();
}
