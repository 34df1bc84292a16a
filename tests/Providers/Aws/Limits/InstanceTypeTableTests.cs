using Cloudnet.Providers.Aws.Limits;

namespace Cloudnet.Providers.Aws.Tests.Limits;

public class InstanceTypeTableTests
{
    [Fact]
    public void Find_M5Large_HasEc2PublishedLimits()
    {
        var limits = InstanceTypeTable.Find("m5.large");

        Assert.Equal(new InstanceTypeLimits("m5.large", 3, 10, 2, IsNitro: true), limits);
    }

    [Fact]
    public void Find_UnknownType_ReturnsNull() => Assert.Null(InstanceTypeTable.Find("z9.mega"));

    [Fact]
    public void ToPoolLimits_PrefixModeOnXen_HasNoPrefixCapacity()
    {
        var pool = InstanceTypeTable.Find("m4.large")!.ToPoolLimits(prefixDelegation: true);

        Assert.Equal(0, pool.PrefixesPerInterface);
        Assert.Equal(9, pool.AddressesPerInterface);
    }

    [Fact]
    public void ToPoolLimits_PrefixModeOnNitro_EachSlotHoldsAPrefix()
    {
        var pool = InstanceTypeTable.Find("m5.large")!.ToPoolLimits(prefixDelegation: true);

        Assert.Equal(9, pool.PrefixesPerInterface);
        Assert.Equal(16, pool.AddressesPerPrefix);
        Assert.Equal(3, pool.MaxInterfaces);
    }

    [Fact]
    public void Table_EveryEntry_IsSane() => Assert.All(InstanceTypeTable.Known, type =>
    {
        var limits = InstanceTypeTable.Find(type)!;
        Assert.InRange(limits.MaxInterfaces, 2, 15);
        Assert.InRange(limits.IPv4PerInterface, 2, 50);
        Assert.True(limits.VCpus >= 1);
    });
}
