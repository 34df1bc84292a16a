using Cloudnet.Contract.V1;
using Cloudnet.Ipamd.Tests.Support;
using Grpc.Core;

namespace Cloudnet.Ipamd.Tests.Grpc;

/// <summary>Malformed requests are refused with InvalidArgument naming the field, and change nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TestDaemon _daemon = null!;

    public static TheoryData<string, string, string, string> BadAdds => new()
    {
        // container id, ifname, netns, field named in the error
        { "", "eth0", "/var/run/netns/x", "key.container_id" },
        { "-starts-with-dash", "eth0", "/var/run/netns/x", "key.container_id" },
        { "has space", "eth0", "/var/run/netns/x", "key.container_id" },
        { new string('a', 257), "eth0", "/var/run/netns/x", "key.container_id" },
        { "c1", "", "/var/run/netns/x", "key.if_name" },
        { "c1", "this-is-16-bytes", "/var/run/netns/x", "key.if_name" },
        { "c1", "eth/0", "/var/run/netns/x", "key.if_name" },
        { "c1", "eth:0", "/var/run/netns/x", "key.if_name" },
        { "c1", "eth 0", "/var/run/netns/x", "key.if_name" },
        { "c1", ".", "/var/run/netns/x", "key.if_name" },
        { "c1", "..", "/var/run/netns/x", "key.if_name" },
        { "c1", "ethé01234567890", "/var/run/netns/x", "key.if_name" },
        { "c1", "eth0", "", "netns" },
        { "c1", "eth0", "relative/path", "netns" },
        { "c1", "eth0", "/" + new string('n', 5000), "netns" },
    };

    public async Task InitializeAsync() => _daemon = await TestDaemon.StartAsync();

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [Theory]
    [MemberData(nameof(BadAdds))]
    public async Task Add_BadField_InvalidArgumentNamingTheField(string containerId, string ifName, string netns, string field)
    {
        var request = Requests.Add("c1");
        request.Key.ContainerId = containerId;
        request.Key.IfName = ifName;
        request.Netns = netns;

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.AddAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith(field + ":", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await _daemon.Client.StatusAsync(Requests.Status())).Assigned);
    }

    [Fact]
    public async Task Add_MissingKey_InvalidArgumentNamingKey()
    {
        var request = Requests.Add("c1");
        request.Key = null;

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.AddAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("key:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("namespace")]
    [InlineData("name")]
    [InlineData("uid")]
    public async Task Add_OversizedPodField_InvalidArgumentNamingTheField(string field)
    {
        var request = Requests.Add("c1");
        var big = new string('p', 300);
        _ = field switch
        {
            "namespace" => request.Pod.Namespace = big,
            "name" => request.Pod.Name = big,
            _ => request.Pod.Uid = big,
        };

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.AddAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("pod." + field + ":", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Del_EmptyNetworkName_InvalidArgumentNamingTheField()
    {
        var request = Requests.Del("c1");
        request.Key.NetworkName = "";

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.DelAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("key.network_name:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gc_BadValidEntry_InvalidArgumentNamingItsIndex()
    {
        var request = new GcRequest { ClientVersion = Contract.ContractVersion.Current, NetworkName = Requests.Network };
        request.Valid.Add(Requests.Key("ok"));
        request.Valid.Add(Requests.Key("bad id"));

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.GcAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("valid[1].container_id:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cloudnet.ipam.v2/1")]
    public async Task Del_WrongClientVersion_FailedPrecondition(string version)
    {
        var request = Requests.Del("c1");
        request.ClientVersion = version;

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _daemon.Client.DelAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
    }
}
