using System.Net;
using Cloudnet.Contract.V1;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipamd.Tests.Support;
using Grpc.Core;

namespace Cloudnet.Ipamd.Tests.Grpc;

/// <summary>The contract end to end over a real Unix socket, on the local provider.</summary>
public sealed class IpamServiceTests
{
    [Fact]
    public async Task Add_ReadyDaemon_RepliesWithAddressAndRoutingFacts()
    {
        await using var daemon = await TestDaemon.StartAsync(o => o.Mtu = 1450);

        var reply = await daemon.Client.AddAsync(Requests.Add("c1"));

        Assert.True(Cidr.Parse("10.99.0.0/24").Contains(IPAddress.Parse(reply.Address)));
        Assert.Equal(32, reply.PrefixLength);
        Assert.Equal(254, reply.RouteTable);
        Assert.Equal(0, reply.DeviceIndex);
        Assert.Equal(1450, reply.Mtu);
        Assert.Equal("local-0", reply.InterfaceId);
        Assert.Equal("", reply.Gateway);
        Assert.Equal(["10.99.0.0/24"], reply.VpcCidrs);
        Assert.False(reply.Snat.External);
    }

    [Fact]
    public async Task Add_SameKeyTwice_ReturnsSameAddress()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var first = await daemon.Client.AddAsync(Requests.Add("c1"));
        var second = await daemon.Client.AddAsync(Requests.Add("c1"));
        var other = await daemon.Client.AddAsync(Requests.Add("c1", ifName: "net1"));

        Assert.Equal(first.Address, second.Address);
        Assert.NotEqual(first.Address, other.Address);
    }

    [Fact]
    public async Task Del_KnownThenUnknown_ReleasesOnceAndSucceedsTwice()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var added = await daemon.Client.AddAsync(Requests.Add("c1"));

        var first = await daemon.Client.DelAsync(Requests.Del("c1"));
        var second = await daemon.Client.DelAsync(Requests.Del("c1"));

        Assert.Equal(added.Address, first.ReleasedAddress);
        Assert.Equal("", second.ReleasedAddress);
        var status = await daemon.Client.StatusAsync(Requests.Status());
        Assert.Equal(1, status.Cooling);
        Assert.Equal(0, status.Assigned);
    }

    [Fact]
    public async Task Del_Released_WrittenBeforeTheReplyAndSyncedSoonAfter()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var journal = daemon.Get<JournaledCheckpointStore>();
        await daemon.Client.AddAsync(Requests.Add("c1"));
        var (writes, syncs) = (journal.JournalWrites, journal.JournalSyncs);

        await daemon.Client.DelAsync(Requests.Del("c1"));

        Assert.Equal(writes + 1, journal.JournalWrites);
        using (var reader = new JournaledCheckpointStore(journal.Path))
        {
            Assert.Empty((await reader.LoadAsync(CancellationToken.None))!.Allocations);
        }

        await Eventually.TrueAsync(() => journal.JournalSyncs == syncs + 1, "the release's record synced");
    }

    [Fact]
    public async Task Check_AfterAddAndAfterDel_ReportsAllocationThenNotFound()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var added = await daemon.Client.AddAsync(Requests.Add("c1"));

        var check = await daemon.Client.CheckAsync(Requests.Check("c1"));
        await daemon.Client.DelAsync(Requests.Del("c1"));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await daemon.Client.CheckAsync(Requests.Check("c1")));

        Assert.Equal(added.Address, check.Address);
        Assert.Equal(32, check.PrefixLength);
        Assert.Equal(254, check.RouteTable);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Gc_ValidListGiven_ReleasesEveryOtherAllocationOfTheNetworkOnly()
    {
        await using var daemon = await TestDaemon.StartAsync();
        await daemon.Client.AddAsync(Requests.Add("keep"));
        await daemon.Client.AddAsync(Requests.Add("drop"));
        await daemon.Client.AddAsync(Requests.Add("other", network: "othernet"));
        var request = new GcRequest { ClientVersion = Contract.ContractVersion.Current, NetworkName = Requests.Network };
        request.Valid.Add(Requests.Key("keep"));

        var reply = await daemon.Client.GcAsync(request);

        Assert.Equal(["drop"], reply.Released.Select(k => k.ContainerId));
        await daemon.Client.CheckAsync(Requests.Check("keep"));
        await daemon.Client.CheckAsync(new CheckRequest { ClientVersion = Contract.ContractVersion.Current, Key = Requests.Key("other", network: "othernet") });
    }

    [Fact]
    public async Task Status_ReadyWithFreeAddresses_CanServeAdd()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var status = await daemon.Client.StatusAsync(Requests.Status());

        Assert.True(status.Ready);
        Assert.True(status.CanServeAdd);
        Assert.Equal(254, status.Total);
        Assert.Equal(status.Total, status.Assigned + status.Available + status.Cooling);
    }

    [Fact]
    public async Task Add_OtherClientVersion_FailedPrecondition()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var request = Requests.Add("c1");
        request.ClientVersion = "cloudnet.ipam.v1/0";

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await daemon.Client.AddAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("client_version", ex.Status.Detail, StringComparison.Ordinal);
    }
}
