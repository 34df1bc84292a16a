using System.Net;
using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class ImdsTests : Ec2TestBase
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override void Configure(EmulatorOptions options)
    {
        options.TimeProvider = _time;
        options.ImdsLag = TimeSpan.FromSeconds(5);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("21601")]
    [InlineData("abc")]
    public async Task PutToken_TtlMissingOrOutOfRange_BadRequest(string? ttl)
    {
        using var http = TestEmulator.Http(Emulator);
        using var request = new HttpRequestMessage(HttpMethod.Put, "latest/api/token");
        if (ttl is not null)
        {
            request.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", ttl);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithoutToken_Unauthorized()
    {
        using var http = TestEmulator.Http(Emulator);

        using var response = await http.GetAsync(new Uri("latest/meta-data/instance-id", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_ExpiredToken_Unauthorized()
    {
        using var http = TestEmulator.Http(Emulator);
        var token = await TokenAsync(http, 60);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, token, "meta-data/instance-id")).Status);

        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, token, "meta-data/instance-id")).Status);
    }

    [Fact]
    public async Task Get_InstanceFields_ConsistentWithEc2()
    {
        using var http = TestEmulator.Http(Emulator);
        var token = await TokenAsync(http, 600);
        var primary = Emulator.State.Snapshot().NetworkInterfaces.Single(n => n.Attachment?.DeviceIndex == 0);

        Assert.Equal(Emulator.State.InstanceId, (await GetAsync(http, token, "meta-data/instance-id")).Body);
        Assert.Equal("m5.large", (await GetAsync(http, token, "meta-data/instance-type")).Body);
        Assert.Equal("us-east-1", (await GetAsync(http, token, "meta-data/placement/region")).Body);
        Assert.Equal("us-east-1a", (await GetAsync(http, token, "meta-data/placement/availability-zone")).Body);
        Assert.Equal(primary.MacAddress, (await GetAsync(http, token, "meta-data/mac")).Body);
        Assert.Equal(primary.PrivateIpAddress, (await GetAsync(http, token, "meta-data/local-ipv4")).Body);
        var mac = "meta-data/network/interfaces/macs/" + primary.MacAddress + "/";
        Assert.Equal(primary.NetworkInterfaceId, (await GetAsync(http, token, mac + "interface-id")).Body);
        Assert.Equal("0", (await GetAsync(http, token, mac + "device-number")).Body);
        Assert.Equal(primary.SubnetId, (await GetAsync(http, token, mac + "subnet-id")).Body);
        Assert.Equal("10.0.0.0/19", (await GetAsync(http, token, mac + "subnet-ipv4-cidr-block")).Body);
        Assert.Equal(primary.VpcId, (await GetAsync(http, token, mac + "vpc-id")).Body);
        Assert.Equal("10.0.0.0/16", (await GetAsync(http, token, mac + "vpc-ipv4-cidr-blocks")).Body);
        Assert.Equal(primary.SecurityGroupIds[0], (await GetAsync(http, token, mac + "security-group-ids")).Body);
        Assert.Equal(primary.PrivateIpAddress, (await GetAsync(http, token, mac + "local-ipv4s")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, token, mac + "ipv4-prefix")).Status);
    }

    [Fact]
    public async Task NewEniAndAddresses_AppearOnlyAfterLag()
    {
        using var http = TestEmulator.Http(Emulator);
        var token = await TokenAsync(http, 600);
        var eni = await CreateEniAsync();
        await AttachAsync(eni.NetworkInterfaceId, 1);

        var before = (await GetAsync(http, token, "meta-data/network/interfaces/macs/")).Body;
        _time.Advance(TimeSpan.FromSeconds(5));
        var after = (await GetAsync(http, token, "meta-data/network/interfaces/macs/")).Body;
        var assigned = await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 2,
        });
        var ipsPath = "meta-data/network/interfaces/macs/" + eni.MacAddress + "/local-ipv4s";
        var ipsBefore = (await GetAsync(http, token, ipsPath)).Body;
        _time.Advance(TimeSpan.FromSeconds(5));
        var ipsAfter = (await GetAsync(http, token, ipsPath)).Body;

        Assert.DoesNotContain(eni.MacAddress, before, StringComparison.Ordinal);
        Assert.All(after.Split('\n'), line => Assert.EndsWith("/", line, StringComparison.Ordinal));
        Assert.Contains(eni.MacAddress + "/", after.Split('\n'));
        Assert.Equal(eni.PrivateIpAddress, ipsBefore);
        Assert.Equal(
            assigned.AssignedPrivateIpAddresses.Select(a => a.PrivateIpAddress).Prepend(eni.PrivateIpAddress),
            ipsAfter.Split('\n'));
    }

    [Fact]
    public async Task Prefixes_ShownUnderIpv4Prefix()
    {
        using var http = TestEmulator.Http(Emulator);
        var token = await TokenAsync(http, 600);
        var primary = Emulator.State.Snapshot().NetworkInterfaces.Single(n => n.Attachment?.DeviceIndex == 0);
        var assigned = await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = primary.NetworkInterfaceId, Ipv4PrefixCount = 2,
        });
        _time.Advance(TimeSpan.FromSeconds(5));

        var body = (await GetAsync(http, token, "meta-data/network/interfaces/macs/" + primary.MacAddress + "/ipv4-prefix")).Body;

        Assert.Equal(assigned.AssignedIpv4Prefixes.Select(p => p.Ipv4Prefix), body.Split('\n'));
    }

    private static async Task<string> TokenAsync(HttpClient http, int ttl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "latest/api/token");
        request.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", ttl.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "latest/" + path);
        request.Headers.Add("X-aws-ec2-metadata-token", token);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
