using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;

namespace Cloudnet.Providers.BareMetal.Tests.Blocks;

public class BlockNamesTests
{
    [Theory]
    [InlineData("10.244.0.64/26", "10-244-0-64-26")]
    [InlineData("fd00::40/122", "fd00-0-0-0-0-0-0-40-122")]
    [InlineData("::/122", "0-0-0-0-0-0-0-0-122")]
    [InlineData("2001:db8:1:2:3:4:5:0/120", "2001-db8-1-2-3-4-5-0-120")]
    public void Of_Block_DnsSafeName(string block, string expected)
    {
        var name = BlockNames.Of(Cidr.Parse(block));

        Assert.Equal(expected, name);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name);
    }

    [Theory]
    [InlineData("10.244.0.64/26")]
    [InlineData("fd00::40/122")]
    [InlineData("10.0.0.0/32")]
    public void TryParse_NameOfBlock_RoundTrips(string block)
    {
        Assert.True(BlockNames.TryParse(BlockNames.Of(Cidr.Parse(block)), out var parsed));
        Assert.Equal(Cidr.Parse(block), parsed);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("10-244-0-64")]
    [InlineData("10-244-0-65-26")]
    [InlineData("fd00--40-122")]
    public void TryParse_OtherNames_False(string name)
    {
        Assert.False(BlockNames.TryParse(name, out _));
    }
}
