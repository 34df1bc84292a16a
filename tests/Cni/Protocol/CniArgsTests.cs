using Cloudnet.Cni.Protocol;

namespace Cloudnet.Cni.Tests.Protocol;

public class CniArgsTests
{
    [Fact]
    public void Parse_KubeletArgs_ReadsAllFourKeys()
    {
        var args = CniArgs.Parse("IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=abc123;K8S_POD_UID=u-1");

        Assert.Equal(new CniArgs("default", "web-0", "abc123", "u-1"), args);
    }

    [Fact]
    public void Parse_PodmanSendsOnlyPodName_OthersNull()
    {
        var args = CniArgs.Parse("IgnoreUnknown=1;K8S_POD_NAME=quirky_turing");

        Assert.Equal(new CniArgs(null, "quirky_turing", null, null), args);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Nothing_Empty(string? text) => Assert.Equal(CniArgs.Empty, CniArgs.Parse(text));

    [Fact]
    public void Parse_UnknownKeysWithoutIgnoreUnknown_Tolerated()
    {
        var args = CniArgs.Parse("FOO=bar;K8S_POD_NAMESPACE=kube-system;EMPTY=");

        Assert.Equal("kube-system", args.PodNamespace);
    }

    [Theory]
    [InlineData("NOEQUALS")]
    [InlineData("=value")]
    [InlineData("K8S_POD_NAME=a;broken")]
    public void Parse_MalformedPair_Code4NamingCniArgs(string text)
    {
        var ex = Assert.Throws<CniException>(() => CniArgs.Parse(text));

        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains("CNI_ARGS", ex.Message, StringComparison.Ordinal);
    }
}
