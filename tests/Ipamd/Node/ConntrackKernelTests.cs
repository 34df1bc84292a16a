using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Conntrack;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Xunit;

namespace Cloudnet.Ipamd.Tests.Node;

// The daemon's real flusher over the conntrack table of a throwaway "node" namespace (never the
// host's): a DEL flushes the released pod address's entries there and leaves the others.
public sealed class ConntrackKernelTests : IDisposable
{
    private static readonly IPAddress Other = IPAddress.Parse("10.201.0.50");
    private readonly TempDirectory _dir = new();
    private readonly List<Socket> _sockets = [];
    private readonly ThrowawayNamespace _nodeNs;
    private readonly ThrowawayNamespace _podNs;
    private readonly NetworkNamespace _node;
    private readonly NetlinkConntrack _table;

    public ConntrackKernelTests()
    {
        // xunit does not dispose a test class whose constructor threw: clean up here then.
        _nodeNs = ThrowawayNamespace.Create();
        try
        {
            _podNs = ThrowawayNamespace.Create();
        }
        catch
        {
            _nodeNs.Dispose();
            _dir.Dispose();
            throw;
        }

        try
        {
            (_node, _table) = Wire();
        }
        catch
        {
            _podNs.Dispose();
            _nodeNs.Dispose();
            _dir.Dispose();
            throw;
        }
    }

    private (NetworkNamespace Node, NetlinkConntrack Table) Wire()
    {
        _podNs.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "ct0", "netns", _nodeNs.Name).EnsureSuccess();
        _podNs.Ip("address", "add", "10.201.0.50/24", "dev", "eth0").EnsureSuccess();
        _podNs.Ip("link", "set", "eth0", "up").EnsureSuccess();
        _nodeNs.Ip("address", "add", "10.201.0.100/24", "dev", "ct0").EnsureSuccess();
        _nodeNs.Ip("link", "set", "ct0", "up").EnsureSuccess();
        Command.Run("ip", ["netns", "exec", _nodeNs.Name, "nft", "-f", "-"],
            "table inet cnt_conntrack {\n chain output { type filter hook output priority 0; ct state new,established accept; }\n}\n").EnsureSuccess();
        var node = NetworkNamespace.Open(_nodeNs.Path);
        try
        {
            return (node, node.Run(() => NetlinkConntrack.Open()));
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _table.Dispose();
        _node.Dispose();
        _podNs.Dispose();
        _nodeNs.Dispose();
        _dir.Dispose();
    }

    [RootFact]
    public async Task Del_PodWithTrackedFlows_FlushesItsEntriesInTheNodeNamespaceOnly()
    {
        await using var daemon = await ConntrackDaemon.StartAsync(_dir, _table, "10.201.0.0/28");
        var pod = IPAddress.Parse((await daemon.Client.AddAsync(Requests.Add("c1"))).Address);
        _podNs.Ip("address", "add", $"{pod}/24", "dev", "eth0").EnsureSuccess();
        SendUdp(pod, 7000);
        SendUdp(pod, 7001);
        SendUdp(Other, 7000);
        Assert.True(_nodeNs.Ping(pod));
        Assert.Equal(3, _table.List().Count(e => e.Involves(pod)));

        await daemon.Client.DelAsync(Requests.Del("c1"));

        await Eventually.TrueAsync(() => daemon.Flusher.Flushed == 3, "the flusher deletes the pod's three entries");
        var left = _table.List();
        Assert.DoesNotContain(left, e => e.Involves(pod));
        Assert.Contains(left, e => e.Original.Destination.Equals(Other));
        Assert.Contains("cloudnet_conntrack_flushed_total 3", await daemon.MetricsAsync(), StringComparison.Ordinal);
    }

    private void SendUdp(IPAddress destination, int port)
    {
        var socket = _node.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        _sockets.Add(socket);
        socket.SendTo([1], new IPEndPoint(destination, port));
    }
}
