using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;

namespace Cloudnet.Providers.BareMetal.Tests.Blocks;

public class BlockPoolTests
{
    [Theory]
    [InlineData("10.244.0.0/24", 26, 4)]
    [InlineData("10.244.0.0/16", 26, 1024)]
    [InlineData("10.244.0.0/26", 26, 1)]
    [InlineData("10.244.0.0/24", 28, 16)]
    public void Candidates_OneCidr_EveryBlockExactlyOnce(string pool, int prefix, int expected)
    {
        var blockPool = new BlockPool([Cidr.Parse(pool)], prefix);

        var blocks = blockPool.Candidates("node-a").ToList();

        Assert.Equal(expected, blocks.Count);
        Assert.Equal(expected, blocks.Distinct().Count());
        Assert.All(blocks, b => Assert.True(blockPool.IsBlock(b)));
        Assert.Equal((UInt128)expected, blockPool.BlockCount);
    }

    [Fact]
    public void Candidates_DifferentNodes_StartAtDifferentBlocks()
    {
        var pool = new BlockPool([Cidr.Parse("10.244.0.0/16")]);

        var firsts = Enumerable.Range(0, 8).Select(i => pool.Candidates($"node-{i}").First()).Distinct().Count();

        Assert.True(firsts > 4, $"only {firsts} distinct first blocks for 8 nodes");
    }

    [Fact]
    public void Candidates_SameNode_SameOrder()
    {
        var pool = new BlockPool([Cidr.Parse("10.244.0.0/20")]);

        Assert.Equal(pool.Candidates("n1").Take(10), pool.Candidates("n1").Take(10));
    }

    [Fact]
    public void Candidates_TwoFamilies_IPv4PoolFirstThenIPv6()
    {
        var pool = new BlockPool([Cidr.Parse("10.0.0.0/25"), Cidr.Parse("fd00::/120")], 26, 122);

        var blocks = pool.Candidates("n").ToList();

        Assert.Equal(2 + 4, blocks.Count);
        Assert.All(blocks.Take(2), b => Assert.Equal(26, b.PrefixLength));
        Assert.All(blocks.Skip(2), b => Assert.Equal(122, b.PrefixLength));
    }

    [Fact]
    public void Candidates_HugeIPv6Pool_IsLazy()
    {
        var pool = new BlockPool([Cidr.Parse("fd00::/64")], 26, 122);

        var first = pool.Candidates("n").Take(3).ToList();

        Assert.Equal(3, first.Count);
        Assert.Equal(UInt128.One << 58, pool.BlockCount);
    }

    [Fact]
    public void Addresses_Block_AllAddressesInOrder()
    {
        var addresses = BlockPool.Addresses(Cidr.Parse("10.244.1.64/26"));

        Assert.Equal(64, addresses.Length);
        Assert.Equal(IPAddress.Parse("10.244.1.64"), addresses[0]);
        Assert.Equal(IPAddress.Parse("10.244.1.127"), addresses[^1]);
    }

    [Fact]
    public void Split_CidrsLargerAndSmallerThanBlock_BlocksOfPoolSizeOrWhole()
    {
        var pool = new BlockPool([], 26, 122);

        var blocks = pool.Split([Cidr.Parse("10.1.0.0/24"), Cidr.Parse("10.2.0.0/28")]).Select(b => b.ToString()).ToList();

        Assert.Equal(["10.1.0.0/26", "10.1.0.64/26", "10.1.0.128/26", "10.1.0.192/26", "10.2.0.0/28"], blocks);
    }

    [Theory]
    [InlineData(19, 122)]
    [InlineData(33, 122)]
    [InlineData(26, 115)]
    public void Constructor_BlockTooLargeOrInvalid_Throws(int v4, int v6)
    {
        Assert.Throws<ArgumentException>(() => new BlockPool([], v4, v6));
    }

    [Fact]
    public void Constructor_PoolSmallerThanBlock_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new BlockPool([Cidr.Parse("10.0.0.0/28")], 26));

        Assert.Contains("10.0.0.0/28", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.244.0.64/26", true)]
    [InlineData("10.244.0.64/27", false)]
    [InlineData("10.245.0.0/26", false)]
    public void IsBlock_Checks_SizeAndMembership(string block, bool expected)
    {
        var pool = new BlockPool([Cidr.Parse("10.244.0.0/16")]);

        Assert.Equal(expected, pool.IsBlock(Cidr.Parse(block)));
    }
}
