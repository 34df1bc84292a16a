using System.Buffers.Binary;
using System.Net;
using Cloudnet.Dataplane.Conntrack;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink.Protocol;
using Cloudnet.Dataplane.Tests.Netlink;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Conntrack;

// ctnetlink requests and their outcomes against a scripted kernel.
public sealed class NetlinkConntrackTests
{
    [Fact]
    public void DeleteByAddresses_MatchesInEitherTuple_DeletesEachByTupleZoneAndId()
    {
        var fake = new FakeTransport()
            .Reply(seq => Datagram.Concat(
                CtMessages.Entry(seq, "10.0.0.5", "10.0.0.9", 11),
                CtMessages.Entry(seq, "10.0.0.7", "10.96.0.10", 12, replySource: "10.0.0.5", zone: 3),
                CtMessages.Entry(seq, "10.0.0.7", "10.0.0.8", 13),
                Datagram.Done(seq)))
            .Reply(seq => Datagram.Ack(seq, 0))
            .Reply(seq => Datagram.Ack(seq, 0));
        using var table = new NetlinkConntrack(new NetlinkConnection(fake));

        var result = table.DeleteByAddresses([IPAddress.Parse("10.0.0.5")]);

        Assert.Equal(2, result.Deleted);
        Assert.Equal(3, fake.Sent.Count);
        Assert.Equal(CtMessages.CtGet, CtMessages.TypeOf(fake.Sent[0]));
        Assert.Equal(0, fake.Sent[0][16]); // AF_UNSPEC: IPv4 and IPv6 in one dump
        Assert.All(fake.Sent.Skip(1), sent => Assert.Equal(CtMessages.CtDelete, CtMessages.TypeOf(sent)));
        var first = CtMessages.Attributes(fake.Sent[1]);
        Assert.Equal(11u, BinaryPrimitives.ReadUInt32BigEndian(first[12]));
        Assert.True(first.ContainsKey(1));
        Assert.False(first.ContainsKey(18));
        var second = CtMessages.Attributes(fake.Sent[2]);
        Assert.Equal(12u, BinaryPrimitives.ReadUInt32BigEndian(second[12]));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16BigEndian(second[18]));
    }

    [Fact]
    public void DeleteByAddresses_EntryWithoutOriginalTuple_IsNeverSentAsADelete()
    {
        // A delete without a tuple would flush the whole table.
        var fake = new FakeTransport()
            .Reply(seq => Datagram.Concat(CtMessages.Entry(seq, "10.0.0.5", "10.0.0.9", 11, withOriginal: false), Datagram.Done(seq)));
        using var table = new NetlinkConntrack(new NetlinkConnection(fake));

        var result = table.DeleteByAddresses([IPAddress.Parse("10.0.0.5")]);

        Assert.Equal(0, result.Deleted);
        Assert.Single(fake.Sent);
    }

    [Fact]
    public void DeleteByAddresses_EntryGoneOrRefused_CountsGoneAndNamesTheRefusal()
    {
        var fake = new FakeTransport()
            .Reply(seq => Datagram.Concat(
                CtMessages.Entry(seq, "fd00::5", "fd00::9", 21),
                CtMessages.Entry(seq, "fd00::9", "fd00::5", 22),
                CtMessages.Entry(seq, "fd00::5", "fd00::7", 23),
                Datagram.Done(seq)))
            .Reply(seq => Datagram.Ack(seq, Errno.ENOENT))
            .Reply(seq => Datagram.Ack(seq, Errno.EPERM))
            .Reply(seq => Datagram.Ack(seq, 0));
        using var table = new NetlinkConntrack(new NetlinkConnection(fake));

        var result = table.DeleteByAddresses([IPAddress.Parse("fd00::5")]);

        Assert.Equal(1, result.Deleted);
        Assert.Equal(1, result.AlreadyGone);
        var refused = Assert.Single(result.Failures);
        Assert.Equal(IPAddress.Parse("fd00::5"), refused.Address);
        Assert.Equal(22u, refused.Entry.Id);
        var failure = refused.Message;
        Assert.Contains("IPCTNL_MSG_CT_DELETE", failure, StringComparison.Ordinal);
        Assert.Contains("flush of fd00::5", failure, StringComparison.Ordinal);
        Assert.Contains("EPERM", failure, StringComparison.Ordinal);
        Assert.Equal(10, fake.Sent[1][16]); // AF_INET6 in nfgenmsg
    }

    [Fact]
    public void DeleteByAddresses_KernelWithoutCtnetlink_ReportsUnavailable()
    {
        var fake = new FakeTransport().Reply(seq => Datagram.Ack(seq, Errno.EINVAL));
        using var table = new NetlinkConntrack(new NetlinkConnection(fake));

        var result = table.DeleteByAddresses([IPAddress.Parse("10.0.0.5")]);

        Assert.False(result.Available);
        Assert.Contains("ctnetlink", result.UnavailableReason, StringComparison.Ordinal);
        Assert.Equal(0, result.Deleted);
        Assert.Single(fake.Sent);
    }

    [Fact]
    public void DeleteByAddresses_DumpRefused_ThrowsNamingTheAddresses()
    {
        var fake = new FakeTransport().Reply(seq => Datagram.Ack(seq, Errno.EPERM));
        using var table = new NetlinkConntrack(new NetlinkConnection(fake));

        var error = Assert.Throws<Cloudnet.Dataplane.Netlink.NetlinkException>(() => table.DeleteByAddresses([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6")]));

        Assert.Equal(Errno.EPERM, error.Errno);
        Assert.Contains("flush of 10.0.0.5, 10.0.0.6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteByAddresses_NoAddresses_SendsNothing()
    {
        var fake = new FakeTransport();
        using var table = new NetlinkConntrack(new NetlinkConnection(fake));

        Assert.Equal(0, table.DeleteByAddresses([]).Deleted);
        Assert.Empty(fake.Sent);
    }

    [Fact]
    public void List_DnatEntry_ParsesBothTuplesWithPortsIdAndZone()
    {
        var fake = new FakeTransport()
            .Reply(seq => Datagram.Concat(CtMessages.Entry(seq, "10.0.0.7", "10.96.0.10", 12, replySource: "10.0.0.5", zone: 3), Datagram.Done(seq)));
        using var table = new NetlinkConntrack(new NetlinkConnection(fake));

        var entry = Assert.Single(table.List());

        Assert.Equal(17, entry.Protocol);
        Assert.Equal("10.0.0.7:4000 -> 10.96.0.10:53", entry.Original.ToString());
        Assert.Equal("10.0.0.5:53 -> 10.0.0.7:4000", entry.Reply.ToString());
        Assert.Equal(12u, entry.Id);
        Assert.Equal(3, entry.Zone);
        Assert.True(entry.Involves(IPAddress.Parse("10.0.0.5")));
        Assert.False(entry.Involves(IPAddress.Parse("10.0.0.6")));
    }
}
