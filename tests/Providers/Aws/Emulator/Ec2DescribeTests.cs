using Amazon.EC2;
using Amazon.EC2.Model;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class Ec2DescribeTests : IAsyncLifetime
{
    private Cloudnet.Emulator.EmulatorHandle _emulator = null!;
    private AmazonEC2Client _ec2 = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        _ec2 = TestEmulator.Ec2(_emulator);
    }

    public async Task DisposeAsync()
    {
        _ec2.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task DescribeInstances_Booted_ReturnsRunningInstanceWithPrimaryEni()
    {
        var response = await _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [_emulator.State.InstanceId] });

        var instance = Assert.Single(Assert.Single(response.Reservations).Instances);
        Assert.Equal("m5.large", instance.InstanceType.Value);
        Assert.Equal("running", instance.State.Name.Value);
        Assert.Equal("us-east-1a", instance.Placement.AvailabilityZone);
        var eni = Assert.Single(instance.NetworkInterfaces);
        Assert.Equal(0, eni.Attachment.DeviceIndex);
        Assert.True(eni.Attachment.DeleteOnTermination);
        Assert.Equal(instance.PrivateIpAddress, eni.PrivateIpAddress);
        Assert.True(Assert.Single(eni.PrivateIpAddresses).Primary);
        Assert.StartsWith("10.0.", eni.PrivateIpAddress, StringComparison.Ordinal);
        Assert.Single(eni.Groups);
    }

    [Fact]
    public async Task DescribeInstances_UnknownId_InvalidInstanceIdNotFound()
    {
        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-0000000000000dead"] }));

        Assert.Equal("InvalidInstanceID.NotFound", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Contains("i-0000000000000dead", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m5.large", 3, 10)]
    [InlineData("t3.medium", 3, 6)]
    [InlineData("m5.xlarge", 4, 15)]
    [InlineData("c5.large", 3, 10)]
    public async Task DescribeInstanceTypes_KnownType_ReportsNetworkLimits(string type, int enis, int ips)
    {
        var response = await _ec2.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = [type] });

        var info = Assert.Single(response.InstanceTypes);
        Assert.Equal(type, info.InstanceType.Value);
        Assert.Equal(enis, info.NetworkInfo.MaximumNetworkInterfaces);
        Assert.Equal(ips, info.NetworkInfo.Ipv4AddressesPerInterface);
        Assert.Equal(ips, info.NetworkInfo.Ipv6AddressesPerInterface);
    }

    [Fact]
    public async Task DescribeInstanceTypes_UnknownType_InvalidInstanceType()
    {
        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            _ec2.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = ["x9.huge"] }));

        Assert.Equal("InvalidInstanceType", e.ErrorCode);
    }

    [Fact]
    public async Task DescribeSubnetsAndVpcs_Default_VpcWithThreeSubnets()
    {
        var vpcs = await _ec2.DescribeVpcsAsync(new DescribeVpcsRequest());
        var subnets = await _ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest
        {
            Filters = [new Filter("vpc-id", [vpcs.Vpcs[0].VpcId])],
        });

        Assert.Equal("10.0.0.0/16", Assert.Single(vpcs.Vpcs).CidrBlock);
        Assert.Equal(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/27"], subnets.Subnets.Select(s => s.CidrBlock).Order(StringComparer.Ordinal));
        var primary = subnets.Subnets.Single(s => s.CidrBlock == "10.0.0.0/19");
        Assert.Equal(8192 - 5 - 1, primary.AvailableIpAddressCount);
        Assert.Equal(32 - 5, subnets.Subnets.Single(s => s.CidrBlock == "10.0.64.0/27").AvailableIpAddressCount);
    }

    [Fact]
    public async Task DescribeSubnets_TagFilter_MatchesByName()
    {
        var response = await _ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = [new Filter("tag:Name", ["sm*"])] });

        Assert.Equal("10.0.64.0/27", Assert.Single(response.Subnets).CidrBlock);
    }

    [Fact]
    public async Task DescribeSubnets_UnknownFilter_InvalidParameterValue()
    {
        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            _ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = [new Filter("bogus", ["x"])] }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
    }
}
