using System.Text.Json.Nodes;
using Cloudnet.Ctl.Install;
using Cloudnet.Ipamd.Options;
using Cloudnet.Providers.BareMetal;
using k8s.Models;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>
/// The paths the daemon, the CNI binary on the host and BIRD share agree: the daemon's socket and
/// state directory are its defaults, the conflists name the same, and each is mounted from the
/// host at the same path (the CNI binary runs on the host with the conflist's paths).
/// </summary>
public sealed class PathsTests
{
    private static readonly Manifests Base = Manifests.Files("deploy/kubernetes/base/daemonset.yaml");

    private static DaemonOptions EffectiveOptions(Manifests manifests) =>
        DaemonVariables.Options(manifests.Daemon.Env.Where(v => v.ValueFrom is null).ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal));

    // The mount of container `c` that holds `path`; its volume's hostPath must be the mount path itself.
    private static void AssertMountedFromSamePathOnHost(Manifests manifests, V1Container c, string path, string why)
    {
        var mount = c.VolumeMounts
            .Where(m => path == m.MountPath || path.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(m => m.MountPath.Length);
        Assert.True(mount is not null, $"{c.Name}: nothing mounted at {path} ({why})");
        Assert.Equal(mount.MountPath, manifests.HostPath(mount.Name));
        Assert.NotEqual(true, mount.ReadOnlyProperty);
    }

    [Fact]
    public void BaseDaemonSet_SocketAndStateDir_AreTheDaemonDefaults()
    {
        var defaults = new DaemonOptions();
        var effective = EffectiveOptions(Base);

        Assert.Equal(defaults.SocketPath, effective.SocketPath);
        Assert.Equal(defaults.StateDir, effective.StateDir);
    }

    [Theory]
    [InlineData("deploy/cni/10-cloudnet.conflist")]
    [InlineData("deploy/cni/10-cloudnet-1.1.conflist")]
    public void ShippedConflist_SocketAndStateDir_AreTheDaemonsInTheDaemonSet(string conflist)
    {
        var effective = EffectiveOptions(Base);
        var plugin = JsonNode.Parse(RepoFiles.Read(conflist))!["plugins"]!.AsArray().Single(p => (string?)p!["type"] == "cloudnet")!;

        Assert.Equal(effective.SocketPath, (string?)plugin["socketPath"]);
        Assert.Equal(effective.StateDir, (string?)plugin["stateDir"]);
    }

    [Fact]
    public async Task EmbeddedConflist_IsTheShippedOne()
    {
        var embedded = await CniInstaller.EmbeddedConflistAsync(CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(RepoFiles.Path($"deploy/cni/{InstallCniOptions.EmbeddedConflistName}")), embedded);
    }

    [Fact]
    public void BaseDaemonSet_SocketStateAndNetns_MountedFromTheSamePathOnTheHost()
    {
        var effective = EffectiveOptions(Base);

        AssertMountedFromSamePathOnHost(Base, Base.Daemon, Path.GetDirectoryName(effective.SocketPath)!, "the CNI binary connects to the socket");
        AssertMountedFromSamePathOnHost(Base, Base.Daemon, effective.StateDir, "checkpoint and the spool the CNI binary writes while the daemon is down");
        AssertMountedFromSamePathOnHost(Base, Base.Daemon, "/var/run/netns", "the start-up check that a pod's namespace is gone");
        Assert.Equal("HostToContainer", Base.Daemon.VolumeMounts.Single(m => m.MountPath == "/var/run/netns").MountPropagation);
    }

    [Fact]
    public void BaseDaemonSet_CniConfDir_IsTheRuntimesDirectoryMountedWritableFromTheHost()
    {
        var effective = EffectiveOptions(Base);

        Assert.Equal(InstallCniOptions.DefaultConfDir, effective.CniConfDir);
        AssertMountedFromSamePathOnHost(Base, Base.Daemon, effective.CniConfDir!, "the daemon writes the conflist there once it is ready");
    }

    [Fact]
    public void BaseDaemonSet_ConflistTheDaemonWrites_NamesItsSocketAndStateDir()
    {
        var effective = EffectiveOptions(Base);

        var (content, errors) = CniConflistSource.Build(effective);

        Assert.Empty(errors);
        var plugin = JsonNode.Parse(content!)!["plugins"]!.AsArray().Single(p => (string?)p!["type"] == "cloudnet")!;
        Assert.Equal(effective.SocketPath, (string?)plugin["socketPath"]);
        Assert.Equal(effective.StateDir, (string?)plugin["stateDir"]);
        Assert.Equal($"{InstallCniOptions.DefaultConfDir}/{InstallCniOptions.EmbeddedConflistName}", effective.CniConflistTarget);
    }

    [Fact]
    public void BaseDaemonSet_StateDirectory_IsOnTheHostsDisk()
    {
        var state = EffectiveOptions(Base).StateDir;
        var volume = Base.DaemonSet.Spec.Template.Spec.Volumes.Single(v => v.HostPath?.Path == state);

        Assert.Equal("DirectoryOrCreate", volume.HostPath.Type);
        Assert.StartsWith("/var/lib/", state, StringComparison.Ordinal); // not /run: survives a reboot too
    }

    [Fact]
    public void BaseDaemonSet_CniLogDirectory_ExistsOnTheHost()
    {
        var logFile = (string?)JsonNode.Parse(RepoFiles.Read("deploy/cni/10-cloudnet.conflist"))!["plugins"]![0]!["logFile"];
        var directory = Path.GetDirectoryName(logFile)!;

        Assert.Contains(Base.DaemonSet.Spec.Template.Spec.Volumes, v => v.HostPath?.Path == directory && v.HostPath.Type == "DirectoryOrCreate");
    }

    [KustomizeTheory]
    [InlineData("baremetal")]
    public void BirdSidecar_ReadsTheConfigurationAndSocketTheDaemonUses(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);
        var bird = manifests.DaemonSet.Spec.Template.Spec.Containers.Single(c => c.Name == "bird");
        var command = string.Join(' ', bird.Command);
        var defaults = new BareMetalOptions();

        Assert.Contains($"-c {defaults.BirdConfigPath}", command, StringComparison.Ordinal);
        Assert.Contains($"-s {defaults.BirdSocketPath}", command, StringComparison.Ordinal);
        Assert.DoesNotContain(manifests.DaemonEnvironment.Keys, k => k.StartsWith("CLOUDNET_BAREMETAL_BIRD_", StringComparison.Ordinal));
        AssertMountedFromSamePathOnHost(manifests, bird, defaults.BirdSocketPath, "BIRD's control socket");
        AssertMountedFromSamePathOnHost(manifests, manifests.Daemon, defaults.BirdConfigPath, "the daemon renders BIRD's configuration");
    }
}
