using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Tests.Addressing;

public class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/16", "10.0.0.0", 16)]
    [InlineData("10.0.3.7/24", "10.0.3.0", 24)]
    [InlineData("192.168.1.9", "192.168.1.9", 32)]
    [InlineData("fd00:1::5/64", "fd00:1::", 64)]
    [InlineData("::/0", "::", 0)]
    public void Parse_ValidText_Normalises(string text, string network, int prefix)
    {
        var cidr = Cidr.Parse(text);

        Assert.Equal(IPAddress.Parse(network), cidr.Network);
        Assert.Equal(prefix, cidr.PrefixLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("fd00::/129")]
    [InlineData("not-a-cidr")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(Cidr.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Cidr.Parse(text));
        Assert.Contains("is not a CIDR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_AddressesAtEdges_AreInsideAndOutside()
    {
        var cidr = Cidr.Parse("10.1.2.16/28");

        Assert.True(cidr.Contains(IPAddress.Parse("10.1.2.16")));
        Assert.True(cidr.Contains(IPAddress.Parse("10.1.2.31")));
        Assert.False(cidr.Contains(IPAddress.Parse("10.1.2.32")));
        Assert.False(cidr.Contains(IPAddress.Parse("10.1.2.15")));
        Assert.False(cidr.Contains(IPAddress.Parse("::1")));
        Assert.Equal(IPAddress.Parse("10.1.2.31"), cidr.Last);
    }

    [Fact]
    public void Subdivide_Slash24IntoSlash26_GivesFourBlocksInOrder()
    {
        var blocks = Cidr.Parse("10.244.0.0/24").Subdivide(26).Select(b => b.ToString()).ToArray();

        Assert.Equal(["10.244.0.0/26", "10.244.0.64/26", "10.244.0.128/26", "10.244.0.192/26"], blocks);
    }

    [Fact]
    public void AddressAt_OffsetRoundTrips_ForIPv6()
    {
        var cidr = Cidr.Parse("fd00::/120");

        var address = cidr.AddressAt(200);

        Assert.Equal(IPAddress.Parse("fd00::c8"), address);
        Assert.Equal((UInt128)200, cidr.OffsetOf(address));
        Assert.Throws<ArgumentOutOfRangeException>(() => cidr.AddressAt(256));
    }

    [Fact]
    public void Overlaps_NestedAndDisjoint_AreDistinguished()
    {
        var outer = Cidr.Parse("10.0.0.0/8");

        Assert.True(outer.Overlaps(Cidr.Parse("10.5.0.0/16")));
        Assert.True(Cidr.Parse("10.5.0.0/16").Overlaps(outer));
        Assert.False(outer.Overlaps(Cidr.Parse("11.0.0.0/8")));
    }
}
