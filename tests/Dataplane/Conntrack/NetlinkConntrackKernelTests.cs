using System.Net;
using Cloudnet.Dataplane.Conntrack;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Conntrack;

// Real conntrack tables of throwaway namespaces: traffic between two of them, flushed in one.
public sealed class NetlinkConntrackKernelTests : IDisposable
{
    private readonly ConntrackTestbed _bed = ConntrackTestbed.Create();

    public void Dispose() => _bed.Dispose();

    [RootFact]
    public void DeleteByAddresses_PeerAddress_DeletesExactlyItsEntriesAndKeepsOthers()
    {
        _bed.SendUdp(ConntrackTestbed.PeerA4);
        _bed.SendUdp(ConntrackTestbed.PeerB4);
        _bed.ConnectTcp(_bed.Node, _bed.Peer, ConntrackTestbed.PeerA4, 8000);
        _bed.ConnectTcp(_bed.Node, _bed.Peer, ConntrackTestbed.PeerB4, 8001);
        _bed.ConnectTcp(_bed.Peer, _bed.Node, ConntrackTestbed.Node4, 8002); // PeerA4 as the source: first address of the subnet
        _bed.Ping(ConntrackTestbed.PeerA4);
        _bed.Ping(ConntrackTestbed.PeerB4);
        var before = _bed.Table.List();
        var doomed = before.Where(e => e.Involves(ConntrackTestbed.PeerA4)).ToList();
        var kept = before.Where(e => !e.Involves(ConntrackTestbed.PeerA4)).ToList();
        Assert.Contains(doomed, e => e.Protocol == 17 && e.Original.Destination.Equals(ConntrackTestbed.PeerA4));
        Assert.Contains(doomed, e => e.Protocol == 6 && e.Original.Destination.Equals(ConntrackTestbed.PeerA4));
        Assert.Contains(doomed, e => e.Protocol == 6 && e.Original.Source.Equals(ConntrackTestbed.PeerA4));
        Assert.Contains(doomed, e => e.Protocol == 1 && e.Original.Destination.Equals(ConntrackTestbed.PeerA4));
        Assert.Equal(3, kept.Count(e => e.Original.Destination.Equals(ConntrackTestbed.PeerB4)));

        var result = _bed.Table.DeleteByAddresses([ConntrackTestbed.PeerA4]);

        Assert.True(result.Available);
        Assert.Empty(result.Failures);
        Assert.Equal(doomed.Count, result.Deleted);
        var after = _bed.Table.List();
        Assert.DoesNotContain(after, e => e.Involves(ConntrackTestbed.PeerA4));
        Assert.Equal(kept.Select(e => e.Id).Order(), after.Select(e => e.Id).Order());
    }

    [RootFact]
    public void DeleteByAddresses_AddressOnlyInTheReplyTuple_DeletesTheDnatEntry()
    {
        _bed.SendUdp(ConntrackTestbed.Service4); // DNAT to PeerB4: PeerB4 is only the reply source
        _bed.SendUdp(ConntrackTestbed.PeerA4);
        var dnat = Assert.Single(_bed.Table.List(), e => e.Original.Destination.Equals(ConntrackTestbed.Service4));
        Assert.Equal(ConntrackTestbed.PeerB4, dnat.Reply.Source);

        var result = _bed.Table.DeleteByAddresses([ConntrackTestbed.PeerB4]);

        Assert.Equal(1, result.Deleted);
        var after = _bed.Table.List();
        Assert.DoesNotContain(after, e => e.Id == dnat.Id);
        Assert.Contains(after, e => e.Original.Destination.Equals(ConntrackTestbed.PeerA4));
    }

    [RootFact]
    public void DeleteByAddresses_IPv6Address_DeletesOnlyItsEntries()
    {
        _bed.SendUdp(ConntrackTestbed.PeerA6);
        _bed.SendUdp(ConntrackTestbed.PeerB6);
        _bed.ConnectTcp(_bed.Node, _bed.Peer, ConntrackTestbed.PeerA6, 8003);
        _bed.SendUdp(ConntrackTestbed.PeerA4);
        var doomed = _bed.Table.List().Count(e => e.Involves(ConntrackTestbed.PeerA6));
        Assert.Equal(2, doomed);

        var result = _bed.Table.DeleteByAddresses([ConntrackTestbed.PeerA6]);

        Assert.Equal(2, result.Deleted);
        var after = _bed.Table.List();
        Assert.DoesNotContain(after, e => e.Involves(ConntrackTestbed.PeerA6));
        Assert.Contains(after, e => e.Original.Destination.Equals(ConntrackTestbed.PeerB6));
        Assert.Contains(after, e => e.Original.Destination.Equals(ConntrackTestbed.PeerA4));
    }

    [RootFact]
    public void DeleteByAddresses_SeveralAddressesAtOnce_DeletesAllOfThemAndRepeatsAsNoOp()
    {
        _bed.SendUdp(ConntrackTestbed.PeerA4);
        _bed.SendUdp(ConntrackTestbed.PeerB4);
        _bed.SendUdp(ConntrackTestbed.PeerA6);
        _bed.SendUdp(ConntrackTestbed.PeerB6);

        var first = _bed.Table.DeleteByAddresses([ConntrackTestbed.PeerA4, ConntrackTestbed.PeerA6, ConntrackTestbed.PeerB4]);
        var second = _bed.Table.DeleteByAddresses([ConntrackTestbed.PeerA4, ConntrackTestbed.PeerA6, ConntrackTestbed.PeerB4]);

        Assert.Equal(3, first.Deleted);
        Assert.Equal(0, second.Deleted);
        Assert.True(second.Available);
        var left = Assert.Single(_bed.Table.List());
        Assert.Equal(ConntrackTestbed.PeerB6, left.Original.Destination);
    }

    [RootFact]
    public void DeleteByAddresses_NamespaceWithoutTracking_DeletesNothingAndReportsAvailable()
    {
        using var bare = ThrowawayNamespace.Create();
        using var ns = NetworkNamespace.Open(bare.Path);
        using var table = ns.Run(() => NetlinkConntrack.Open());
        Assert.True(bare.Ping(IPAddress.Loopback));

        var result = table.DeleteByAddresses([IPAddress.Loopback]);

        Assert.True(result.Available, result.UnavailableReason);
        Assert.Equal(0, result.Deleted);
        Assert.Empty(table.List());
    }
}
