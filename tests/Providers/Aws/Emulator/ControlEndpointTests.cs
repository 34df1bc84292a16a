using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.EC2.Model;
using Cloudnet.Emulator.Control;
using Cloudnet.Emulator.State;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class ControlEndpointTests : Ec2TestBase
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task State_AfterAssign_ShowsEnisAttachmentsAddressesPrefixesTags()
    {
        var eni = await CreateEniAsync();
        await AttachAsync(eni.NetworkInterfaceId, 1);
        await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 2 });
        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [eni.NetworkInterfaceId], Tags = [new Tag("owner", "cloudnet")] });
        using var http = TestEmulator.Http(Emulator);

        var state = await http.GetFromJsonAsync<StateSnapshot>("_emulator/state", Json);

        var shown = state!.NetworkInterfaces.Single(n => n.NetworkInterfaceId == eni.NetworkInterfaceId);
        Assert.Equal(1, shown.Attachment!.DeviceIndex);
        Assert.Equal(2, shown.SecondaryPrivateIpAddresses.Count);
        Assert.Equal("cloudnet", shown.Tags["owner"]);
        Assert.Equal(2, state.NetworkInterfaces.Count);
    }

    [Fact]
    public async Task Calls_CountPerAction_ResetByDelete()
    {
        await Ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
        await Ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
        await Assert.ThrowsAsync<Amazon.EC2.AmazonEC2Exception>(() =>
            Ec2.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = "eni-0000000000000dead" }));
        using var http = TestEmulator.Http(Emulator);

        var calls = await http.GetFromJsonAsync<CallsSnapshot>("_emulator/calls", Json);
        (await http.DeleteAsync(new Uri("_emulator/calls", UriKind.Relative))).EnsureSuccessStatusCode();

        Assert.Equal(3, calls!.Total);
        Assert.Equal(2, calls.Actions["DescribeVpcs"].Calls);
        Assert.Equal(1, calls.Actions["DeleteNetworkInterface"].Errors);
        Assert.Equal(0, Emulator.Calls.Total);
    }

    [Fact]
    public async Task Faults_PutJson_AppliedAndDeleteClears()
    {
        using var http = TestEmulator.Http(Emulator);
        const string body = """{"rules":[{"action":"DescribeVpcs","errorRate":1,"errorCode":"Unavailable"}]}""";

        using var put = await http.PutAsync(new Uri("_emulator/faults", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var e = await Assert.ThrowsAsync<Amazon.EC2.AmazonEC2Exception>(() => Ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));
        (await http.DeleteAsync(new Uri("_emulator/faults", UriKind.Relative))).EnsureSuccessStatusCode();
        var after = await Ec2.DescribeVpcsAsync(new DescribeVpcsRequest());

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Unavailable", e.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Single(after.Vpcs);
    }

    [Fact]
    public async Task Faults_PutInvalid_BadRequest()
    {
        using var http = TestEmulator.Http(Emulator);

        using var response = await http.PutAsync(new Uri("_emulator/faults", UriKind.Relative),
            new StringContent("""{"rules":[{"errorRate":2}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Reset_AfterChanges_BootStateWithSameIds()
    {
        var before = Emulator.State.Snapshot();
        await CreateEniAsync();
        using var http = TestEmulator.Http(Emulator);

        (await http.PostAsync(new Uri("_emulator/reset", UriKind.Relative), null)).EnsureSuccessStatusCode();

        var after = Emulator.State.Snapshot();
        Assert.Equal(before.NetworkInterfaces.Select(n => (n.NetworkInterfaceId, n.PrivateIpAddress, n.MacAddress)),
            after.NetworkInterfaces.Select(n => (n.NetworkInterfaceId, n.PrivateIpAddress, n.MacAddress)));
        Assert.Equal(before.Instances[0].InstanceId, after.Instances[0].InstanceId);
    }

    [Fact]
    public async Task UnknownAction_InvalidAction()
    {
        using var http = TestEmulator.Http(Emulator);

        using var response = await http.PostAsync(new Uri("/", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "CreateNatGateway", ["Version"] = "2016-11-15" }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>InvalidAction</Code>", body, StringComparison.Ordinal);
        Assert.Contains("<RequestID>", body, StringComparison.Ordinal);
    }
}
