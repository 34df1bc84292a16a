using System.Runtime.InteropServices;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Netlink.Protocol;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

public sealed class NetlinkConnectionTests
{
    private const ushort NewLink = 16;
    private const ushort Multi = 0x2;
    private const ushort DumpIntr = 0x10;

    [Fact]
    public void Dump_InterruptedOnce_RestartsAndReturnsOnlyTheCleanListing()
    {
        var fake = new FakeTransport()
            .Reply(seq => Datagram.Concat(Datagram.Message(NewLink, Multi | DumpIntr, seq, [1]), Datagram.Message(NewLink, Multi, seq, [2])))
            .Reply(seq => Datagram.Done(seq, Multi | DumpIntr))
            .Reply(seq => Datagram.Concat(Datagram.Message(NewLink, Multi, seq, [3]), Datagram.Done(seq)));
        using var connection = new NetlinkConnection(fake);

        var replies = connection.Dump(new MessageBuilder(Rtm.GetLink, 0), "RTM_GETLINK dump");

        Assert.Equal([3], replies.Select(reply => reply[0]));
        Assert.Equal(1, connection.InterruptedDumps);
        Assert.Equal(2, fake.Sent.Count);
        Assert.NotEqual(SequenceOf(fake.Sent[0]), SequenceOf(fake.Sent[1]));
        Assert.Equal(0x300 | 0x1, FlagsOf(fake.Sent[1]));
    }

    [Fact]
    public void Dump_AlwaysInterrupted_GivesUpWithEintr()
    {
        var fake = new FakeTransport();
        for (var i = 0; i < NetlinkConnection.MaxDumpAttempts; i++)
        {
            fake.Reply(seq => Datagram.Concat(Datagram.Message(NewLink, Multi | DumpIntr, seq, [1]), Datagram.Done(seq)));
        }

        using var connection = new NetlinkConnection(fake);

        var error = Assert.Throws<NetlinkException>(() => connection.Dump(new MessageBuilder(Rtm.GetLink, 0), "RTM_GETLINK dump"));

        Assert.Equal(Errno.EINTR, error.Errno);
        Assert.Equal("RTM_GETLINK dump", error.Operation);
        Assert.Equal(NetlinkConnection.MaxDumpAttempts, fake.Sent.Count);
    }

    [Fact]
    public void Dump_DoneWithNegativeErrno_Throws()
    {
        var fake = new FakeTransport().Reply(seq => Datagram.Message(3, Multi, seq, BitConverter.GetBytes(-Errno.ENOBUFS)));
        using var connection = new NetlinkConnection(fake);

        var error = Assert.Throws<NetlinkException>(() => connection.Dump(new MessageBuilder(Rtm.GetRoute, 0), "RTM_GETROUTE dump"));

        Assert.Equal(Errno.ENOBUFS, error.Errno);
    }

    [Fact]
    public void Execute_StaleRepliesOfOtherSequences_AreSkipped()
    {
        var fake = new FakeTransport()
            .Reply(seq => Datagram.Concat(Datagram.Ack(seq - 1, Errno.EEXIST), Datagram.Ack(seq + 7, Errno.EBUSY)))
            .Reply(seq => Datagram.Ack(seq, 0));
        using var connection = new NetlinkConnection(fake);

        connection.Execute(new MessageBuilder(Rtm.NewLink, 0), "RTM_NEWLINK x");

        Assert.Single(fake.Sent);
    }

    [Fact]
    public void Execute_ErrorWithExtendedAck_CarriesErrnoOperationAndKernelText()
    {
        var fake = new FakeTransport().Reply(seq => Datagram.Ack(seq, Errno.ENETUNREACH, "Nexthop has invalid gateway"));
        using var connection = new NetlinkConnection(fake);

        var error = Assert.Throws<NetlinkException>(() => connection.Execute(new MessageBuilder(Rtm.NewRoute, 0), "RTM_NEWROUTE 0.0.0.0/0 via 169.254.1.1"));

        Assert.Equal(Errno.ENETUNREACH, error.Errno);
        Assert.Equal("Nexthop has invalid gateway", error.KernelMessage);
        Assert.Equal(
            "RTM_NEWROUTE 0.0.0.0/0 via 169.254.1.1: ENETUNREACH (network is unreachable): Nexthop has invalid gateway",
            error.Message);
    }

    [Theory]
    [InlineData(Errno.ENODEV, DeleteOutcome.AlreadyGone)]
    [InlineData(0, DeleteOutcome.Deleted)]
    public void ExecuteDelete_GoneErrno_IsAnOutcomeNotAnError(int errno, DeleteOutcome expected)
    {
        var fake = new FakeTransport().Reply(seq => Datagram.Ack(seq, errno));
        using var connection = new NetlinkConnection(fake);

        var outcome = connection.ExecuteDelete(new MessageBuilder(Rtm.DelLink, 0), "RTM_DELLINK x", Errno.ENODEV);

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void ExecuteDelete_OtherErrno_Throws()
    {
        var fake = new FakeTransport().Reply(seq => Datagram.Ack(seq, Errno.EBUSY));
        using var connection = new NetlinkConnection(fake);

        var error = Assert.Throws<NetlinkException>(() => connection.ExecuteDelete(new MessageBuilder(Rtm.DelLink, 0), "RTM_DELLINK x", Errno.ENODEV));

        Assert.Equal("EBUSY", error.ErrorName);
    }

    [Fact]
    public void MessageBuilder_NestedAttributes_AreAlignedAndSized()
    {
        var builder = new MessageBuilder(Rtm.NewLink, 0x600);
        var outer = builder.BeginNested(18);
        builder.String(1, "veth");
        builder.EndNested(outer);

        var message = builder.Finish(42).ToArray();

        Assert.Equal(16 + 4 + 12, message.Length);
        Assert.Equal((uint)message.Length, MemoryMarshal.Read<uint>(message));
        Assert.Equal(42u, SequenceOf(message));
        Assert.Equal((ushort)16, MemoryMarshal.Read<ushort>(message.AsSpan(16)));
        Assert.Equal((ushort)9, MemoryMarshal.Read<ushort>(message.AsSpan(20)));
    }

    private static uint SequenceOf(byte[] message) => MemoryMarshal.Read<uint>(message.AsSpan(8));

    private static int FlagsOf(byte[] message) => MemoryMarshal.Read<ushort>(message.AsSpan(6));
}
