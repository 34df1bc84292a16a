using Cloudnet.Ipamd.Logging;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing.Fakes;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Ipamd.Tests.Grpc;

/// <summary>ADD on an empty pool waits for the reconciler instead of failing at once.</summary>
public sealed class AddWaitTests
{
    [Fact]
    public async Task Add_EmptyPool_WaitsAndSucceedsWhenTheReconcilerAddsAddresses()
    {
        // The cloud's assign waits on a clock the test holds (the daemon's own clock is real), so the
        // reconciler cannot refill the pool before the second ADD arrives, however slow the machine.
        var cloudClock = new FakeTimeProvider();
        var cloud = new FakeCloudProvider(new FakeCloudOptions { Limits = new() { MaxInterfaces = 2, AddressesPerInterface = 10 } }, cloudClock);
        await using var daemon = await TestDaemon.StartAsync(
            o =>
            {
                o.Provider = "fake";
                o.WarmPool = new WarmPoolOptions { WarmIPTarget = 1 };
                o.AddWait = TimeSpan.FromMinutes(1); // the wait's length is not under test: no real-time race with the refill
            },
            FakeProviders.Registry(cloud));
        cloud.SetDelay(TimeSpan.FromMilliseconds(300), FakeCloudOperations.AssignAddresses);

        var first = await daemon.Client.AddAsync(Requests.Add("c1"));
        var adding = daemon.Client.AddAsync(Requests.Add("c2")).ResponseAsync;
        // Released once the ADD waits, and in steps: the reconciler may not have called the cloud yet.
        await Eventually.TrueAsync(() => adding.IsCompleted, "the second ADD to finish once the cloud answers",
            step: () =>
            {
                if (daemon.Logs.Has(EventIds.AddWaiting))
                {
                    cloudClock.Advance(TimeSpan.FromMilliseconds(300));
                }
            });
        var second = await adding;

        Assert.NotEqual(first.Address, second.Address);
        Assert.True(daemon.Logs.Has(EventIds.AddWaiting), "the second ADD should have waited for the reconciler");
    }

    [Fact]
    public async Task Add_EmptyPoolThatCannotGrow_ResourceExhaustedAfterTheWait()
    {
        await using var daemon = await TestDaemon.StartAsync(o =>
        {
            o.PoolCidrs = [Ipam.Addressing.Cidr.Parse("10.98.0.0/30")];
            o.AddWait = TimeSpan.FromMilliseconds(300);
        });
        await daemon.Client.AddAsync(Requests.Add("c1"));
        await daemon.Client.AddAsync(Requests.Add("c2"));

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await daemon.Client.AddAsync(Requests.Add("c3")));
        var status = await daemon.Client.StatusAsync(Requests.Status());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("cloudnet/c3/eth0", ex.Status.Detail, StringComparison.Ordinal);
        Assert.False(status.CanServeAdd);
        Assert.NotEmpty(status.Reason);
        Assert.Equal(2, status.Assigned);
    }

    [Fact]
    public async Task Add_ClientDeadlineDuringWait_CancelledAndNothingAssigned()
    {
        await using var daemon = await TestDaemon.StartAsync(o =>
        {
            o.PoolCidrs = [Ipam.Addressing.Cidr.Parse("10.98.0.0/30")];
            o.AddWait = TimeSpan.FromMinutes(1);
        });
        await daemon.Client.AddAsync(Requests.Add("c1"));
        await daemon.Client.AddAsync(Requests.Add("c2"));

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await daemon.Client.AddAsync(Requests.Add("c3"), deadline: DateTime.UtcNow.AddMilliseconds(300)));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal(2, (await daemon.Client.StatusAsync(Requests.Status())).Assigned);
    }
}
