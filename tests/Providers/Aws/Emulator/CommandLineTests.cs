using Cloudnet.Emulator;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_AllFlags_Options()
    {
        var options = CommandLine.Parse(
            ["--listen", "127.0.0.1:4566", "--instance-type", "t3.medium", "--vpc-cidr", "10.1.0.0/16", "--seed", "7",
             "--imds-lag", "500ms", "--materialize-enis", "--netns", "node1", "--subnet", "10.1.0.0/20"], out var error);

        Assert.Equal("", error);
        Assert.NotNull(options);
        Assert.Equal(("127.0.0.1:4566", "t3.medium", "10.1.0.0/16", 7), (options.Listen, options.InstanceType, options.VpcCidr, options.Seed));
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ImdsLag);
        Assert.True(options.MaterializeEnis);
        Assert.Equal("node1", options.Netns);
        Assert.Equal(["10.1.0.0/20"], options.SubnetCidrs!);
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown flag '--bogus'")]
    [InlineData(new[] { "--listen" }, "--listen needs a value")]
    [InlineData(new[] { "--listen", "nowhere" }, "--listen")]
    [InlineData(new[] { "--seed", "x" }, "--seed")]
    [InlineData(new[] { "--imds-lag", "-1s" }, "--imds-lag")]
    [InlineData(new[] { "--materialize-enis" }, "--netns")]
    public void Parse_BadFlags_ErrorNamesFlag(string[] args, string expected)
    {
        var options = CommandLine.Parse(args, out var error);

        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnknownInstanceType_ArgumentExceptionListsKnownTypes()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            EmulatorHost.StartAsync(new EmulatorOptions { InstanceType = "x9.huge" }, CancellationToken.None));

        Assert.Contains("x9.huge", e.Message, StringComparison.Ordinal);
        Assert.Contains("m5.large", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SubnetOutsideVpc_ArgumentException()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            EmulatorHost.StartAsync(new EmulatorOptions { SubnetCidrs = ["192.168.0.0/24"] }, CancellationToken.None));

        Assert.Contains("192.168.0.0/24", e.Message, StringComparison.Ordinal);
    }
}
