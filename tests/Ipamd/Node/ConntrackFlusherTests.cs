using System.Collections.Concurrent;
using System.Net;
using Cloudnet.Dataplane.Conntrack;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Spool;
using Cloudnet.Ipamd.Tests.Support;
using Xunit;

namespace Cloudnet.Ipamd.Tests.Node;

// The daemon queues every released address for a conntrack flush and replies without waiting for it.
public sealed class ConntrackFlusherTests : IDisposable
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Del_ReleasedAddress_RepliesWhileTheFlushIsBlockedThenFlushesIt()
    {
        using var table = new FakeConntrack(deleted: 3, blocked: true);
        await using var daemon = await ConntrackDaemon.StartAsync(_dir, table);
        var address = IPAddress.Parse((await daemon.Client.AddAsync(Requests.Add("c1"))).Address);

        var reply = await daemon.Client.DelAsync(Requests.Del("c1")).ResponseAsync.WaitAsync(Safety);
        await Eventually.TrueAsync(() => table.Entered.Contains(address), "the flusher asks the table to flush the released address");

        Assert.Equal(address.ToString(), reply.ReleasedAddress);
        Assert.Equal(0, daemon.Flusher.Flushed); // the DEL replied while the flush was still running
        table.Unblock();
        await Eventually.TrueAsync(() => daemon.Flusher.Flushed == 3, "the flush completes");
        Assert.Contains("cloudnet_conntrack_flushed_total 3", await daemon.MetricsAsync(), StringComparison.Ordinal);
        Assert.True(daemon.Logs.Has(2100));
    }

    [Fact]
    public async Task Gc_ReleasedAllocations_AreFlushedAndKeptOnesAreNot()
    {
        using var table = new FakeConntrack(deleted: 1);
        await using var daemon = await ConntrackDaemon.StartAsync(_dir, table);
        var kept = IPAddress.Parse((await daemon.Client.AddAsync(Requests.Add("keep"))).Address);
        var gone = IPAddress.Parse((await daemon.Client.AddAsync(Requests.Add("gone"))).Address);

        var gc = new Contract.V1.GcRequest { ClientVersion = Contract.ContractVersion.Current, NetworkName = Requests.Network };
        gc.Valid.Add(Requests.Key("keep"));
        await daemon.Client.GcAsync(gc);

        await Eventually.TrueAsync(() => table.Entered.Contains(gone), "the GC release is flushed");
        Assert.DoesNotContain(kept, table.Entered);
    }

    [Fact]
    public async Task Start_CoolingAddressesAndSpooledReleases_AreFlushed()
    {
        IPAddress cooling, spooled;
        using (var first = new FakeConntrack(deleted: 0))
        {
            await using var daemon = await ConntrackDaemon.StartAsync(_dir, first);
            cooling = IPAddress.Parse((await daemon.Client.AddAsync(Requests.Add("c1"))).Address);
            spooled = IPAddress.Parse((await daemon.Client.AddAsync(Requests.Add("c2"))).Address);
            await daemon.Client.DelAsync(Requests.Del("c1"));
        }

        // c2's DEL came while the daemon was down: the CNI binary spooled it.
        var options = TestDaemon.DefaultOptions(_dir);
        new ReleaseSpool(options.SpoolDir).Write(new AllocationKey(Requests.Network, "c2", "eth0"), DateTimeOffset.UtcNow);
        using var second = new FakeConntrack(deleted: 0);
        await using var successor = await ConntrackDaemon.StartAsync(_dir, second);

        await Eventually.TrueAsync(() => second.Entered.Contains(cooling) && second.Entered.Contains(spooled),
            "the successor flushes the address cooling from before the restart and the spooled release");
    }

    [Fact]
    public async Task Del_ConntrackUnavailable_SucceedsAndSaysSoOnce()
    {
        using var table = new FakeConntrack(unavailable: "no ctnetlink here");
        await using var daemon = await ConntrackDaemon.StartAsync(_dir, table);
        for (var i = 0; i < 2; i++)
        {
            await daemon.Client.AddAsync(Requests.Add("c" + i));
            await daemon.Client.DelAsync(Requests.Del("c" + i));
            var batches = i + 1;
            await Eventually.TrueAsync(() => daemon.Flusher.Batches >= batches, "the release reaches the flusher");
        }

        var said = Assert.Single(daemon.Logs.Events, e => e.EventId == 2104);
        Assert.Contains("no ctnetlink here", said.Message, StringComparison.Ordinal);
        Assert.Contains("cloudnet_conntrack_flush_failures_total 0", await daemon.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Del_TableUnreadable_SucceedsAndCountsTheFailure()
    {
        using var table = new FakeConntrack(failure: new NetlinkException("IPCTNL_MSG_CT_GET dump (flush of 10.99.0.1)", 1));
        await using var daemon = await ConntrackDaemon.StartAsync(_dir, table);
        await daemon.Client.AddAsync(Requests.Add("c1"));

        var reply = await daemon.Client.DelAsync(Requests.Del("c1"));

        Assert.NotEmpty(reply.ReleasedAddress);
        await Eventually.TrueAsync(() => daemon.Logs.Has(2102), "the failed flush is logged as a warning");
        Assert.Contains("cloudnet_conntrack_flush_failures_total 1", await daemon.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flush_ThrowsUnexpectedly_WorkerKeepsFlushingLaterReleases()
    {
        using var table = new FakeConntrack(deleted: 1, failure: new InvalidOperationException("a bug"), failOnce: true);
        await using var daemon = await ConntrackDaemon.StartAsync(_dir, table);
        await daemon.Client.AddAsync(Requests.Add("c1"));
        await daemon.Client.DelAsync(Requests.Del("c1"));
        await Eventually.TrueAsync(() => daemon.Logs.Has(2102), "the failed flush is logged");
        var second = IPAddress.Parse((await daemon.Client.AddAsync(Requests.Add("c2"))).Address);

        await daemon.Client.DelAsync(Requests.Del("c2"));

        await Eventually.TrueAsync(() => daemon.Flusher.Flushed == 1, "the next release is flushed by the same worker");
        Assert.Contains(second, table.Entered);
    }

    /// <summary>A conntrack table that records what it is asked to flush and answers as told.</summary>
    private sealed class FakeConntrack(int deleted = 0, bool blocked = false, string? unavailable = null, Exception? failure = null, bool failOnce = false)
        : IConntrack, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new(!blocked);
        private int _calls;

        public ConcurrentBag<IPAddress> Entered { get; } = [];

        public void Unblock() => _gate.Set();

        public ConntrackFlushResult DeleteByAddresses(IReadOnlyCollection<IPAddress> addresses)
        {
            foreach (var address in addresses)
            {
                Entered.Add(address);
            }

            _gate.Wait(Safety);
            var first = Interlocked.Increment(ref _calls) == 1;
            return failure is not null && (first || !failOnce) ? throw failure
                : unavailable is not null ? ConntrackFlushResult.Unavailable(unavailable)
                : new ConntrackFlushResult(deleted, 0, [], null);
        }

        public IReadOnlyList<ConntrackEntry> List() => [];

        public void Dispose() => _gate.Dispose();
    }
}
