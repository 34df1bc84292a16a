using Cloudnet.Ctl;
using Cloudnet.Ctl.Install;
using Cloudnet.Ipamd.Tests.Support;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>
/// The init container's command is a real cloudnetctl command that installs the binary where the
/// runtime looks, and only the binary: the daemon writes the conflist once it is ready.
/// </summary>
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
    public void InitContainer_InstallsTheBinaryOnly_IntoTheHostsPluginDirectory()
    {
        var options = Parsed();
        var mounts = Base.InstallCni.VolumeMounts.ToDictionary(m => m.MountPath, m => Base.HostPath(m.Name), StringComparer.Ordinal);

        Assert.True(options.SkipConflist, "a conflist written before the daemon is ready makes the node Ready while ADDs fail");
        Assert.Equal(InstallCniOptions.DefaultBinDir, mounts.GetValueOrDefault(options.BinDir));
        Assert.DoesNotContain(InstallCniOptions.DefaultConfDir, mounts.Values);
    }

    [Fact]
    public async Task InitContainer_Run_BinaryInstalledAndNoConflist()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("bin"));
        Directory.CreateDirectory(dir.Combine("net.d"));
        await File.WriteAllBytesAsync(dir.Combine("cloudnet"), [1, 2, 3]);
        var options = Parsed() with { BinarySource = dir.Combine("cloudnet"), BinDir = dir.Combine("bin"), ConfDir = dir.Combine("net.d") };

        var results = await CniInstaller.InstallAsync(options, CancellationToken.None);

        Assert.Equal(CniInstaller.Targets(options).Binary, Assert.Single(results).Path);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(CniInstaller.Targets(options).Binary));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Combine("net.d")));
    }
}
