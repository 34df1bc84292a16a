using Cloudnet.Ctl;

namespace Cloudnet.Ipamd.Tests.Ctl;

public sealed class CtlArgumentsTests
{
    [Fact]
    public void Parse_CommandOnly_DefaultAddress()
    {
        var (args, error) = CtlArguments.Parse(["status"]);

        Assert.Null(error);
        Assert.Equal("status", args!.Command);
        Assert.Equal("127.0.0.1:61679", args.Address);
        Assert.False(args.Json);
    }

    [Theory]
    [InlineData(new[] { "pool", "--addr", "10.0.0.1:9" }, "10.0.0.1:9")]
    [InlineData(new[] { "--addr=[::1]:7", "pool" }, "[::1]:7")]
    [InlineData(new[] { "-a", "h:1", "pool", "--json" }, "h:1")]
    public void Parse_AddressForms_Accepted(string[] argv, string address)
    {
        var (args, error) = CtlArguments.Parse(argv);

        Assert.Null(error);
        Assert.Equal("pool", args!.Command);
        Assert.Equal(address, args.Address);
    }

    [Fact]
    public void Parse_CheckpointWithPath_PathIsPositional()
    {
        var (args, _) = CtlArguments.Parse(["checkpoint", "/var/lib/cloudnet/ipam.json"]);

        Assert.Equal(["/var/lib/cloudnet/ipam.json"], args!.Positional);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "checkpoint" }, "checkpoint needs exactly one argument")]
    [InlineData(new[] { "status", "extra" }, "status takes no arguments")]
    [InlineData(new[] { "status", "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "status", "--addr" }, "--addr needs a value")]
    public void Parse_Mistakes_ErrorSaysWhat(string[] argv, string expected)
    {
        var (args, error) = CtlArguments.Parse(argv);

        Assert.Null(args);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Nothing_Help()
    {
        Assert.Equal("help", CtlArguments.Parse([]).Arguments!.Command);
    }
}
