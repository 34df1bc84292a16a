using Cloudnet.Dataplane.Nftables;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Nftables;

public sealed class NftTableTests
{
    [Theory]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("9starts_with_digit")]
    [InlineData("semi;colon")]
    [InlineData("brace{")]
    public void Qualify_InvalidTableName_Throws(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => NftTable.Qualify(NftFamily.Inet, name));
    }

    [Theory]
    [InlineData(NftFamily.Inet, "cloudnet", "inet cloudnet")]
    [InlineData(NftFamily.Ip6, "_policy_2", "ip6 _policy_2")]
    public void Qualified_ValidName_IsFamilyKeywordAndName(NftFamily family, string name, string expected)
    {
        Assert.Equal(expected, new NftTable(family, name, string.Empty).Qualified);
    }
}
