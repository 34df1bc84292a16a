using Cloudnet.Cni.Protocol;

namespace Cloudnet.Cni.Tests.Protocol;

public class CniEnvironmentTests
{
    private static CniEnvironment Parse(Dictionary<string, string> env) => CniEnvironment.Parse(n => env.GetValueOrDefault(n));

    [Theory]
    [InlineData("ADD", "CNI_CONTAINERID")]
    [InlineData("ADD", "CNI_NETNS")]
    [InlineData("ADD", "CNI_IFNAME")]
    [InlineData("CHECK", "CNI_NETNS")]
    [InlineData("DEL", "CNI_CONTAINERID")]
    [InlineData("DEL", "CNI_IFNAME")]
    public void Parse_RequiredVariableMissing_Code4NamingIt(string command, string missing)
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command, ["CNI_CONTAINERID"] = "abc", ["CNI_NETNS"] = "/run/netns/x", ["CNI_IFNAME"] = "eth0",
        };
        env.Remove(missing);

        var ex = Assert.Throws<CniException>(() => Parse(env));

        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DelWithoutNetns_Succeeds()
    {
        var env = Parse(new() { ["CNI_COMMAND"] = "DEL", ["CNI_CONTAINERID"] = "abc", ["CNI_IFNAME"] = "eth0" });

        Assert.Equal(CniCommand.Del, env.Command);
        Assert.Null(env.Netns);
    }

    [Theory]
    [InlineData("VERSION", CniCommand.Version)]
    [InlineData("GC", CniCommand.Gc)]
    [InlineData("STATUS", CniCommand.Status)]
    public void Parse_CommandsWithoutAttachment_NeedNoOtherVariables(string text, CniCommand expected) =>
        Assert.Equal(expected, Parse(new() { ["CNI_COMMAND"] = text }).Command);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("add")]
    [InlineData("FROB")]
    public void Parse_MissingOrUnknownCommand_Code4NamingCniCommand(string? command)
    {
        var env = new Dictionary<string, string>();
        if (command is not null)
        {
            env["CNI_COMMAND"] = command;
        }

        var ex = Assert.Throws<CniException>(() => Parse(env));

        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains("CNI_COMMAND", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("averyveryverylongname")]
    [InlineData("eth/0")]
    [InlineData("eth:0")]
    [InlineData("eth 0")]
    [InlineData("..")]
    public void Parse_InvalidIfName_Code4NamingCniIfName(string ifName)
    {
        var ex = Assert.Throws<CniException>(() => Parse(new()
        {
            ["CNI_COMMAND"] = "ADD", ["CNI_CONTAINERID"] = "abc", ["CNI_NETNS"] = "/n", ["CNI_IFNAME"] = ifName,
        }));

        Assert.Contains("CNI_IFNAME", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-leadingdash")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    public void Parse_InvalidContainerId_Code4NamingCniContainerId(string id)
    {
        var ex = Assert.Throws<CniException>(() => Parse(new()
        {
            ["CNI_COMMAND"] = "ADD", ["CNI_CONTAINERID"] = id, ["CNI_NETNS"] = "/n", ["CNI_IFNAME"] = "eth0",
        }));

        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains("CNI_CONTAINERID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_NamesEveryVariable()
    {
        var ex = Assert.Throws<CniException>(() => Parse(new() { ["CNI_COMMAND"] = "ADD" }));

        Assert.Contains("CNI_CONTAINERID", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CNI_NETNS", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CNI_IFNAME", ex.Message, StringComparison.Ordinal);
    }
}
