using System.Net;
using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Cloudnet.Emulator.State;
using LaunchRequest = Cloudnet.Emulator.State.RunInstancesRequest;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>IMDS per instance under /_emulator/instances/{id}/latest/, for fleet simulations.</summary>
public sealed class FleetImdsTests : Ec2TestBase
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override void Configure(EmulatorOptions options)
    {
        options.TimeProvider = _time;
        options.ImdsLag = TimeSpan.FromSeconds(5);
    }

    [Fact]
    public async Task GetFor_LaunchedInstance_ServesThatInstanceNotTheBootedOne()
    {
        var launched = Launch(2);
        using var http = TestEmulator.Http(Emulator);

        var first = await ReadAsync(http, launched[0].InstanceId, "meta-data/instance-id");
        var second = await ReadAsync(http, launched[1].InstanceId, "meta-data/instance-id");
        var ip = await ReadAsync(http, launched[1].InstanceId, "meta-data/local-ipv4");

        Assert.Equal((HttpStatusCode.OK, launched[0].InstanceId), first);
        Assert.Equal((HttpStatusCode.OK, launched[1].InstanceId), second);
        Assert.Equal(launched[1].PrivateIpAddress, ip.Body);
        Assert.NotEqual(Emulator.State.InstanceId, first.Body);
    }

    [Fact]
    public async Task GetFor_SecondaryAddressAssigned_AppearsOnlyAfterTheLag()
    {
        var launched = Launch(1)[0];
        var primary = Emulator.State.Snapshot().NetworkInterfaces.Single(e => e.Attachment?.InstanceId == launched.InstanceId);
        await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = primary.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 2 });
        using var http = TestEmulator.Http(Emulator);
        var path = $"meta-data/network/interfaces/macs/{primary.MacAddress}/local-ipv4s";

        var before = await ReadAsync(http, launched.InstanceId, path);
        _time.Advance(TimeSpan.FromSeconds(5));
        var after = await ReadAsync(http, launched.InstanceId, path);

        Assert.Single(before.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, after.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task GetFor_UnknownInstance_NotFound()
    {
        using var http = TestEmulator.Http(Emulator);

        var result = await ReadAsync(http, "i-0000000000000dead", "meta-data/instance-id");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
    }

    [Fact]
    public async Task GetFor_WithoutToken_Unauthorized()
    {
        var launched = Launch(1)[0];
        using var http = TestEmulator.Http(Emulator);

        using var response = await http.GetAsync(new Uri($"_emulator/instances/{launched.InstanceId}/latest/meta-data/instance-id", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ImdsClient_InstanceEndpointAsBaseAddress_ReadsThatInstancesIdentity()
    {
        var launched = Launch(1)[0];
        // A request timeout of 30 s, not a real instance's 2 s: the in-process emulator can be slower on a
        // busy machine, and a timed-out request's retry backoff runs on the fake clock, which never moves here.
        using var client = new Cloudnet.Providers.Aws.Imds.ImdsClient(
            new Uri(Emulator.BaseUri, $"_emulator/instances/{launched.InstanceId}/"), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), _time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var id = await client.GetAsync("meta-data/instance-id", CancellationToken.None);

        Assert.Equal(launched.InstanceId, id);
    }

    private IReadOnlyList<InstanceSnapshot> Launch(int count)
    {
        var subnet = SubnetId("10.0.0.0/19");
        return Emulator.State.RunInstances(new LaunchRequest(Emulator.State.ImageIds[0], "m5.large", count, count, subnet, [], [], []));
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadAsync(HttpClient http, string instanceId, string path)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"_emulator/instances/{instanceId}/latest/api/token");
        put.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
        var token = await (await http.SendAsync(put)).Content.ReadAsStringAsync();
        using var get = new HttpRequestMessage(HttpMethod.Get, $"_emulator/instances/{instanceId}/latest/{path}");
        get.Headers.Add("X-aws-ec2-metadata-token", token);
        using var response = await http.SendAsync(get);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }
}
