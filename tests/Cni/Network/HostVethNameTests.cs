using System.Text;
using Cloudnet.Cni.Network;

namespace Cloudnet.Cni.Tests.Network;

public class HostVethNameTests
{
    [Theory]
    [InlineData("cnet")]
    [InlineData("e")]
    [InlineData("abcdefg")]
    public void For_AnyPrefix_Exactly15BytesStartingWithPrefix(string prefix)
    {
        var name = HostVethName.For(prefix, "net", "0123456789abcdef0123456789abcdef", "eth0");

        Assert.Equal(15, Encoding.UTF8.GetByteCount(name));
        Assert.StartsWith(prefix, name, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SameKey_SameName() =>
        Assert.Equal(HostVethName.For("cnet", "n", "c", "eth0"), HostVethName.For("cnet", "n", "c", "eth0"));

    [Fact]
    public void For_KeysDifferingInAnyPart_DifferentNames()
    {
        var names = new[]
        {
            HostVethName.For("cnet", "n", "c", "eth0"), HostVethName.For("cnet", "m", "c", "eth0"),
            HostVethName.For("cnet", "n", "d", "eth0"), HostVethName.For("cnet", "n", "c", "eth1"),
        };

        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public void For_ThousandContainers_NoCollision() =>
        Assert.Equal(1000, Enumerable.Range(0, 1000).Select(i => HostVethName.For("cnet", "n", $"container{i}", "eth0")).Distinct().Count());
}
