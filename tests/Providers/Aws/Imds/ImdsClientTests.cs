using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.Aws.Imds;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Imds;

public sealed class ImdsClientTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly StubImdsHandler _handler;
    private readonly HttpClient _http;
    private readonly ImdsClient _client;

    public ImdsClientTests()
    {
        const string mac0 = "meta-data/network/interfaces/macs/0a:00:00:00:00:01/";
        const string mac1 = "meta-data/network/interfaces/macs/0a:00:00:00:00:02/";
        _handler = new StubImdsHandler(new Dictionary<string, string>
        {
            ["meta-data/instance-id"] = "i-0123",
            ["meta-data/instance-type"] = "m5.large",
            ["meta-data/placement/availability-zone"] = "eu-west-1b",
            ["meta-data/mac"] = "0A:00:00:00:00:01",
            ["meta-data/network/interfaces/macs/"] = "0a:00:00:00:00:02/\n0a:00:00:00:00:01/",
            [mac0 + "interface-id"] = "eni-primary",
            [mac0 + "device-number"] = "0",
            [mac0 + "subnet-id"] = "subnet-1",
            [mac0 + "subnet-ipv4-cidr-block"] = "10.0.0.0/19",
            [mac0 + "vpc-ipv4-cidr-blocks"] = "10.0.0.0/16\n100.64.0.0/16",
            [mac0 + "security-group-ids"] = "sg-1\nsg-2",
            [mac0 + "local-ipv4s"] = "10.0.0.10\n10.0.0.11\n10.0.0.12",
            [mac1 + "interface-id"] = "eni-second",
            [mac1 + "device-number"] = "1",
            [mac1 + "subnet-ipv4-cidr-block"] = "10.0.0.0/19",
            [mac1 + "local-ipv4s"] = "10.0.0.20",
            [mac1 + "ipv4-prefix"] = "10.0.1.16/28",
        });
        _http = new HttpClient(_handler) { BaseAddress = new Uri("http://imds.test/") };
        _client = new ImdsClient(_http, ownsHttp: false, TimeSpan.FromHours(6), _time, NullLogger.Instance);
    }

    [Fact]
    public async Task GetAsync_ManyReadsWithinTokenLifetime_UsesOneToken()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("i-0123", await _client.GetAsync("meta-data/instance-id", CancellationToken.None));
        }

        Assert.Equal(1, _handler.TokensIssued);
        Assert.Equal(["21600"], _handler.TtlsRequested);
    }

    [Fact]
    public async Task GetAsync_FourFifthsOfTtlPassed_RenewsTokenBeforeExpiry()
    {
        await _client.GetAsync("meta-data/instance-id", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(4.7));
        await _client.GetAsync("meta-data/instance-id", CancellationToken.None);
        Assert.Equal(1, _handler.TokensIssued);

        _time.Advance(TimeSpan.FromHours(0.2));
        await _client.GetAsync("meta-data/instance-id", CancellationToken.None);

        Assert.Equal(2, _handler.TokensIssued);
    }

    [Fact]
    public async Task GetAsync_TokenRejected_GetsANewTokenAndSucceeds()
    {
        await _client.GetAsync("meta-data/instance-id", CancellationToken.None);
        _handler.RevokeAllTokens();

        Assert.Equal("m5.large", await _client.GetAsync("meta-data/instance-type", CancellationToken.None));
        Assert.Equal(2, _handler.TokensIssued);
    }

    [Fact]
    public async Task GetAsync_MissingPath_ReturnsNull() =>
        Assert.Null(await _client.GetAsync("meta-data/nothing-here", CancellationToken.None));

    [Fact]
    public async Task ReadIdentityAsync_NoRegionPath_DerivesRegionFromZoneAndLowercasesMac()
    {
        var identity = await new ImdsMetadata(_client).ReadIdentityAsync(CancellationToken.None);

        Assert.Equal(new ImdsIdentity("i-0123", "m5.large", "eu-west-1", "eu-west-1b", "0a:00:00:00:00:01"), identity);
    }

    [Fact]
    public async Task ReadInterfacesAsync_TwoEnis_OrderedByDeviceWithAddressesAndPrefixes()
    {
        var interfaces = await new ImdsMetadata(_client).ReadInterfacesAsync(CancellationToken.None);

        Assert.Equal(["eni-primary", "eni-second"], interfaces.Select(i => i.InterfaceId));
        var primary = interfaces[0];
        Assert.Equal(Cidr.Parse("10.0.0.0/19"), primary.SubnetCidr);
        Assert.Equal([Cidr.Parse("10.0.0.0/16"), Cidr.Parse("100.64.0.0/16")], primary.VpcCidrs.ToArray());
        Assert.Equal(["sg-1", "sg-2"], primary.SecurityGroupIds.ToArray());
        Assert.Equal(3, primary.LocalIPv4s.Length);
        Assert.Empty(primary.IPv4Prefixes);
        Assert.Equal([Cidr.Parse("10.0.1.16/28")], interfaces[1].IPv4Prefixes.ToArray());
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
        _handler.Dispose();
    }
}
