using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Conntrack;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Dataplane.Tests.Conntrack;

/// <summary>
/// Two throwaway namespaces joined by a veth: "node", whose conntrack table the tests read and
/// flush (an nftables table with ct rules and one DNAT rule makes the kernel track there), and
/// "peer", with two IPv4 and two IPv6 addresses standing in for pods. Traffic never leaves the
/// pair; the host's own table is never opened. Dispose closes sockets and handles, then deletes
/// both namespaces, whatever failed before.
/// </summary>
internal sealed class ConntrackTestbed : IDisposable
{
    public static readonly IPAddress Node4 = IPAddress.Parse("10.200.0.1");
    public static readonly IPAddress PeerA4 = IPAddress.Parse("10.200.0.2");
    public static readonly IPAddress PeerB4 = IPAddress.Parse("10.200.0.3");

    /// <summary>A service-like address the node DNATs (UDP port 7000) to <see cref="PeerB4"/>.</summary>
    public static readonly IPAddress Service4 = IPAddress.Parse("10.200.0.50");
    public static readonly IPAddress Node6 = IPAddress.Parse("fd00:200::1");
    public static readonly IPAddress PeerA6 = IPAddress.Parse("fd00:200::2");
    public static readonly IPAddress PeerB6 = IPAddress.Parse("fd00:200::3");

    private const string Ruleset = """
        table inet cnt_conntrack {
            chain output { type filter hook output priority 0; ct state new,established,related accept; }
            chain input { type filter hook input priority 0; ct state new,established,related accept; }
        }
        table ip cnt_nat {
            chain output { type nat hook output priority -100; ip daddr 10.200.0.50 udp dport 7000 dnat to 10.200.0.3; }
        }
        """;

    private readonly List<Socket> _sockets = [];

    private ConntrackTestbed(ThrowawayNamespace nodeNs, ThrowawayNamespace peerNs)
    {
        NodeNs = nodeNs;
        PeerNs = peerNs;
    }

    public ThrowawayNamespace NodeNs { get; }

    public ThrowawayNamespace PeerNs { get; }

    public NetworkNamespace Node { get; private set; } = null!;

    public NetworkNamespace Peer { get; private set; } = null!;

    /// <summary>The node namespace's conntrack table.</summary>
    public NetlinkConntrack Table { get; private set; } = null!;

    public static ConntrackTestbed Create()
    {
        var nodeNs = ThrowawayNamespace.Create();
        ThrowawayNamespace? peerNs = null;
        ConntrackTestbed? bed = null;
        try
        {
            peerNs = ThrowawayNamespace.Create();
            bed = new ConntrackTestbed(nodeNs, peerNs);
            bed.Wire();
            return bed;
        }
        catch
        {
            if (bed is not null)
            {
                bed.Dispose();
            }
            else
            {
                peerNs?.Dispose();
                nodeNs.Dispose();
            }

            throw;
        }
    }

    /// <summary>Sends one UDP datagram from the node to <paramref name="destination"/>:<paramref name="port"/>.</summary>
    public void SendUdp(IPAddress destination, int port = 7000)
    {
        var socket = Own(Node.Run(() => new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp)));
        socket.SendTo([1, 2, 3], new IPEndPoint(destination, port));
    }

    /// <summary>Opens a TCP connection from <paramref name="client"/> to a listener on <paramref name="server"/> at <paramref name="address"/>.</summary>
    public void ConnectTcp(NetworkNamespace client, NetworkNamespace server, IPAddress address, int port)
    {
        var listener = Own(server.Run(() => new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)));
        listener.Bind(new IPEndPoint(address, port));
        listener.Listen();
        var socket = Own(client.Run(() => new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)));
        socket.Connect(new IPEndPoint(address, port));
    }

    /// <summary>Pings <paramref name="destination"/> once from the node; throws when unanswered.</summary>
    public void Ping(IPAddress destination)
    {
        if (!NodeNs.Ping(destination))
        {
            throw new InvalidOperationException($"ping {destination} from {NodeNs.Name} was not answered");
        }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        Table?.Dispose();
        Node?.Dispose();
        Peer?.Dispose();
        PeerNs.Dispose();
        NodeNs.Dispose();
    }

    private void Wire()
    {
        PeerNs.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "ct0", "netns", NodeNs.Name).EnsureSuccess();
        foreach (var address in new[] { "10.200.0.2/24", "10.200.0.3/24" })
        {
            PeerNs.Ip("address", "add", address, "dev", "eth0").EnsureSuccess();
        }

        foreach (var address in new[] { "fd00:200::2/64", "fd00:200::3/64" })
        {
            PeerNs.Ip("address", "add", address, "dev", "eth0", "nodad").EnsureSuccess();
        }

        NodeNs.Ip("address", "add", "10.200.0.1/24", "dev", "ct0").EnsureSuccess();
        NodeNs.Ip("address", "add", "fd00:200::1/64", "dev", "ct0", "nodad").EnsureSuccess();
        PeerNs.Ip("link", "set", "eth0", "up").EnsureSuccess();
        NodeNs.Ip("link", "set", "ct0", "up").EnsureSuccess();
        Command.Run("ip", ["netns", "exec", NodeNs.Name, "nft", "-f", "-"], Ruleset).EnsureSuccess();
        Node = NetworkNamespace.Open(NodeNs.Path);
        Peer = NetworkNamespace.Open(PeerNs.Path);
        Table = Node.Run(() => NetlinkConntrack.Open());
    }

    private Socket Own(Socket socket)
    {
        _sockets.Add(socket);
        return socket;
    }
}
