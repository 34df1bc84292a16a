using System.Net;
using Cloudnet.Providers.BareMetal.Bgp;

namespace Cloudnet.Providers.BareMetal.Tests.Bgp;

public class BgpPeerTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1", 64512, false)]
    [InlineData("192.0.2.1:65000", "192.0.2.1", 65000, false)]
    [InlineData("192.0.2.1:65000/multihop", "192.0.2.1", 65000, true)]
    [InlineData("2001:db8::1", "2001:db8::1", 64512, false)]
    [InlineData("[2001:db8::1]:4200000000", "2001:db8::1", 4200000000, false)]
    public void TryParse_Valid_Parsed(string text, string address, long asn, bool multihop)
    {
        Assert.True(BgpPeer.TryParse(text, 64512, out var peer));
        Assert.Equal(IPAddress.Parse(address), peer.Address);
        Assert.Equal(asn, peer.As);
        Assert.Equal(multihop, peer.Multihop);
        Assert.Matches("^peer_[0-9a-f_]+$", peer.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("192.0.2")]
    [InlineData("192.0.2.1:0")]
    [InlineData("192.0.2.1:x")]
    [InlineData("[2001:db8::1")]
    [InlineData("[2001:db8::1]:99999999999")]
    public void TryParse_Invalid_False(string text)
    {
        Assert.False(BgpPeer.TryParse(text, 64512, out _));
    }
}
