using Amazon.EC2.Model;
using Cloudnet.Emulator;
using TypeInfo = Cloudnet.Emulator.State.InstanceTypeInfo;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>EmulatorOptions.ExtraInstanceTypes: a type added to, or replacing one in, the emulator's table.</summary>
public sealed class ExtraInstanceTypesTests : Ec2TestBase
{
    protected override void Configure(EmulatorOptions options)
    {
        options.ExtraInstanceTypes.Add(new TypeInfo("m5.large", 3, 12, 12, 2, 8192));
        options.ExtraInstanceTypes.Add(new TypeInfo("x9.large", 5, 7, 7, 2, 8192));
        options.InstanceType = "x9.large";
    }

    [Theory]
    [InlineData("m5.large", 3, 12)]
    [InlineData("x9.large", 5, 7)]
    [InlineData("m5.xlarge", 4, 15)]
    public async Task DescribeInstanceTypes_ExtraOrReplacedType_ReportsItsLimits(string type, int enis, int ips)
    {
        var response = await Ec2.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = [type] });

        var info = Assert.Single(response.InstanceTypes);
        Assert.Equal(enis, info.NetworkInfo.MaximumNetworkInterfaces);
        Assert.Equal(ips, info.NetworkInfo.Ipv4AddressesPerInterface);
    }

    [Fact]
    public async Task DescribeInstanceTypes_All_ListsEachTypeOnce()
    {
        var response = await Ec2.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { MaxResults = 100 });

        Assert.Single(response.InstanceTypes, t => t.InstanceType.Value == "m5.large");
        Assert.Single(response.InstanceTypes, t => t.InstanceType.Value == "x9.large");
    }

    [Fact]
    public void Boot_ExtraType_TheInstanceHasIt() =>
        Assert.Equal("x9.large", Emulator.State.Snapshot().Instances[0].InstanceType);
}
