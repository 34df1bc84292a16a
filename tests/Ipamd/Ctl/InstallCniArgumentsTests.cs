using Cloudnet.Ctl;
using Cloudnet.Ctl.Install;

namespace Cloudnet.Ipamd.Tests.Ctl;

public sealed class InstallCniArgumentsTests
{
    [Fact]
    public void Parse_InstallCniAlone_Defaults()
    {
        var (args, error) = CtlArguments.Parse(["install-cni"]);

        Assert.Null(error);
        var options = args!.InstallCni!;
        Assert.Equal("/opt/cni/bin", options.BinDir);
        Assert.Equal("/etc/cni/net.d", options.ConfDir);
        Assert.Null(options.ConflistSource);
        Assert.Equal("10-cloudnet.conflist", options.ConflistFileName);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "cloudnet"), options.BinarySource);
        Assert.Null(options.SocketPath);
        Assert.Null(options.StateDir);
        Assert.False(options.SkipConflist);
    }

    [Fact]
    public void Parse_SkipConflist_BinaryOnly()
    {
        var (args, error) = CtlArguments.Parse(["install-cni", "--skip-conflist", "--bin-dir", "/host/opt/cni/bin"]);

        Assert.Null(error);
        Assert.Equal(new InstallCniOptions { BinDir = "/host/opt/cni/bin", SkipConflist = true }, args!.InstallCni);
    }

    [Fact]
    public void Parse_EveryFlagBothForms_Taken()
    {
        var (args, error) = CtlArguments.Parse(
            ["install-cni", "--binary", "/b/cloudnet", "--conflist=/c/20-x.conflist", "--bin-dir", "/host/bin", "--conf-dir=/host/net.d", "--socket", "/run/s.sock", "--state-dir", "/var/lib/s"]);

        Assert.Null(error);
        Assert.Equal(
            new InstallCniOptions { BinarySource = "/b/cloudnet", ConflistSource = "/c/20-x.conflist", BinDir = "/host/bin", ConfDir = "/host/net.d", SocketPath = "/run/s.sock", StateDir = "/var/lib/s" },
            args!.InstallCni);
        Assert.Equal("20-x.conflist", args.InstallCni!.ConflistFileName);
    }

    [Theory]
    [InlineData(new[] { "status", "--bin-dir", "/x" }, "--bin-dir is an install-cni option")]
    [InlineData(new[] { "install-cni", "--socket" }, "--socket needs a value")]
    [InlineData(new[] { "install-cni", "--conf-dir=" }, "--conf-dir needs a non-empty value")]
    [InlineData(new[] { "install-cni", "extra" }, "install-cni takes no arguments")]
    [InlineData(new[] { "install-cni", "--cni-bin-dir", "/x" }, "unknown option '--cni-bin-dir'")]
    [InlineData(new[] { "status", "--skip-conflist" }, "--skip-conflist is an install-cni option")]
    [InlineData(new[] { "install-cni", "--skip-conflist", "--conf-dir", "/x" }, "--conf-dir configures the conflist, which --skip-conflist does not install")]
    [InlineData(new[] { "install-cni", "--socket=/run/s.sock", "--skip-conflist" }, "--socket configures the conflist, which --skip-conflist does not install")]
    public void Parse_Mistakes_ErrorSaysWhat(string[] argv, string expected)
    {
        var (args, error) = CtlArguments.Parse(argv);

        Assert.Null(args);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OtherCommands_NoInstallOptions()
    {
        Assert.Null(CtlArguments.Parse(["status"]).Arguments!.InstallCni);
    }
}
