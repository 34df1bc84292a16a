using Cloudnet.Ipamd.State;
using Cloudnet.Ipamd.Tests.Support;
using Grpc.Core;

namespace Cloudnet.Ipamd.Tests.Grpc;

/// <summary>Per-key serialisation, parallelism across keys, and readiness gating.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Add_SameKeyInParallel_OneAllocationOneAddress()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var client = daemon.Client;

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.AddAsync(Requests.Add("same")).ResponseAsync));

        Assert.Single(replies.Select(r => r.Address).Distinct());
        Assert.Equal(1, (await client.StatusAsync(Requests.Status())).Assigned);
    }

    [Fact]
    public async Task AddAndDel_SameKeyInterleaved_StateStaysConsistent()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var client = daemon.Client;

        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(
                client.AddAsync(Requests.Add("racy")).ResponseAsync,
                client.DelAsync(Requests.Del("racy")).ResponseAsync,
                client.AddAsync(Requests.Add("racy")).ResponseAsync);
        }

        var status = await client.StatusAsync(Requests.Status());
        Assert.InRange(status.Assigned, 0, 1);
        Assert.Equal(status.Total, status.Assigned + status.Available + status.Cooling);
    }

    [Fact]
    public async Task Add_DifferentKeysInParallel_AllDistinctAddresses()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var client = daemon.Client;

        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.AddAsync(Requests.Add("c" + i)).ResponseAsync));

        Assert.Equal(100, replies.Select(r => r.Address).Distinct().Count());
    }

    [Fact]
    public async Task Add_WhileDraining_Unavailable()
    {
        await using var daemon = await TestDaemon.StartAsync();
        daemon.Get<DaemonState>().MarkDraining();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await daemon.Client.AddAsync(Requests.Add("c1")));
        var status = await daemon.Client.StatusAsync(Requests.Status());

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.False(status.Ready);
        Assert.False(status.CanServeAdd);
    }
}
