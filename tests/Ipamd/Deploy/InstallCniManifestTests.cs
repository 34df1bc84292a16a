using System.Text.Json.Nodes;
using Cloudnet.Ctl;
using Cloudnet.Ctl.Install;
using Cloudnet.Ipamd.Tests.Support;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>The init container's command is a real cloudnetctl command that installs where the runtime looks and what the daemon serves.</summary>
public sealed class InstallCniManifestTests
{
    private static readonly Manifests Base = Manifests.Files("deploy/kubernetes/base/daemonset.yaml");

    private static InstallCniOptions Parsed()
    {
        var c = Base.InstallCni;
        Assert.Equal("cloudnetctl", Path.GetFileName(c.Command[0]));
        var (args, error) = CtlArguments.Parse([.. c.Command.Skip(1), .. c.Args ?? []]);
        Assert.True(error is null, $"the init container's arguments do not parse: {error}");
        Assert.Equal("install-cni", args!.Command);
        return args.InstallCni!;
    }

    [Fact]
    public void InitContainer_InstallsIntoTheHostsCniDirectories()
    {
        var options = Parsed();
        var mounts = Base.InstallCni.VolumeMounts.ToDictionary(m => m.MountPath, m => Base.HostPath(m.Name), StringComparer.Ordinal);

        Assert.Equal(InstallCniOptions.DefaultBinDir, mounts.GetValueOrDefault(options.BinDir));
        Assert.Equal(InstallCniOptions.DefaultConfDir, mounts.GetValueOrDefault(options.ConfDir));
    }

    [Fact]
    public async Task InitContainer_Run_ConflistNamesTheDaemonsSocketAndStateDir()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("bin"));
        Directory.CreateDirectory(dir.Combine("net.d"));
        await File.WriteAllBytesAsync(dir.Combine("cloudnet"), [1, 2, 3]);
        var options = Parsed() with { BinarySource = dir.Combine("cloudnet"), BinDir = dir.Combine("bin"), ConfDir = dir.Combine("net.d") };
        var daemon = DaemonVariables.Options(Base.Daemon.Env.Where(v => v.ValueFrom is null).ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal));

        await CniInstaller.InstallAsync(options, CancellationToken.None);

        var conflist = JsonNode.Parse(await File.ReadAllTextAsync(CniInstaller.Targets(options).Conflist))!;
        var plugin = conflist["plugins"]!.AsArray().Single(p => (string?)p!["type"] == "cloudnet")!;
        Assert.Equal(daemon.SocketPath, (string?)plugin["socketPath"]);
        Assert.Equal(daemon.StateDir, (string?)plugin["stateDir"]);
    }
}
