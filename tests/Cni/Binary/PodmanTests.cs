using System.Net;
using Cloudnet.Testing;
using Cloudnet.Testing.Daemon;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>
/// A real runtime as the client: Debian's podman (CNI network backend) with runc runs a
/// busybox-static rootfs on a cloudnet network. podman runs inside the throwaway host namespace
/// (entered with nsenter, which, unlike `ip netns exec`, keeps /sys/fs/cgroup for runc), with
/// private --root/--runroot, containers.conf and CNI directories.
/// </summary>
[Collection(CniBinaryGroup.Name)]
public sealed class PodmanTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly HostNamespace _host = HostNamespace.Create();
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("cnt-podman-");

    [RootFact]
    public async Task PodmanRun_OnCloudnetNetwork_GetsDaemonAddressAndReachesHost()
    {
        Assert.True(File.Exists("/usr/bin/podman") && File.Exists("/usr/sbin/runc") && File.Exists("/usr/bin/busybox"),
            "podman, runc and busybox-static are missing: run make deps");
        var conf = Prepare();
        var allocationsBefore = await fixture.AllocationsAsync();
        var hostBefore = _host.Snapshot();

        var run = Podman(conf, "run", "--rm", "--network", "cloudnet", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
            "--rootfs", Path.Combine(_dir.FullName, "rootfs"),
            "/bin/sh", "-c", $"ip -4 -o addr show eth0; ping -c 2 -W 2 {HostNamespace.HostAddress}");

        Assert.True(run.Succeeded, $"podman failed:\n{run.Stdout}\n{run.Stderr}\nCNI log:\n{CniLog()}");
        var address = run.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w != "inet").Skip(1).First().Split('/')[0];
        Assert.StartsWith("10.244.0.", address, StringComparison.Ordinal);
        Assert.Contains("2 packets received", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"assigned {IPAddress.Parse(address)}/32", CniLog(), StringComparison.Ordinal);
        Assert.Equal(allocationsBefore, await fixture.AllocationsAsync());
        Assert.Equal(hostBefore, _host.Snapshot());
    }

    private string Prepare()
    {
        var d = _dir.FullName;
        var rootfs = Directory.CreateDirectory(Path.Combine(d, "rootfs"));
        foreach (var sub in new[] { "bin", "etc", "proc", "sys", "dev", "tmp" })
        {
            rootfs.CreateSubdirectory(sub);
        }

        File.Copy("/usr/bin/busybox", Path.Combine(rootfs.FullName, "bin", "busybox"));
        foreach (var applet in new[] { "sh", "ip", "ping" })
        {
            File.CreateSymbolicLink(Path.Combine(rootfs.FullName, "bin", applet), "busybox");
        }

        var bin = Directory.CreateDirectory(Path.Combine(d, "cni-bin")).FullName;
        File.Copy(HostNamespace.Binary, Path.Combine(bin, "cloudnet"));
        File.CreateSymbolicLink(Path.Combine(bin, "portmap"), "/usr/lib/cni/portmap");
        var netd = Directory.CreateDirectory(Path.Combine(d, "net.d")).FullName;
        // podman 4.3 vendors libcni 1.1 (spec up to 1.0.0), so the list speaks 1.0.0.
        File.WriteAllText(Path.Combine(netd, "cloudnet.conflist"), $$$"""
            {"cniVersion":"1.0.0","name":"cloudnet","plugins":[
              {"type":"cloudnet","socketPath":"{{{fixture.Daemon.SocketPath}}}","stateDir":"{{{fixture.Daemon.StateDir}}}","logFile":"{{{d}}}/cni.log"},
              {"type":"portmap","capabilities":{"portMappings":true}}]}
            """);
        Directory.CreateDirectory(Path.Combine(d, "tmp"));
        var conf = Path.Combine(d, "containers.conf");
        File.WriteAllText(conf, $"""
            [network]
            network_backend = "cni"
            cni_plugin_dirs = ["{bin}"]
            network_config_dir = "{netd}"
            [engine]
            tmp_dir = "{d}/tmp"
            """);
        return conf;
    }

    private CommandResult Podman(string conf, params string[] args) =>
        Command.Run("nsenter", [$"--net={_host.Namespace.Path}", "env", $"CONTAINERS_CONF={conf}", "podman",
            "--root", Path.Combine(_dir.FullName, "root"), "--runroot", Path.Combine(_dir.FullName, "runroot"),
            "--runtime", "runc", "--cgroup-manager", "cgroupfs", .. args], stdin: null, TimeSpan.FromMinutes(2));

    private string CniLog()
    {
        var path = Path.Combine(_dir.FullName, "cni.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no log)";
    }

    public void Dispose()
    {
        // podman's storage under --root holds overlay mounts only for images; a --rootfs run leaves none.
        Command.Run("rm", "-rf", _dir.FullName);
        _host.Dispose();
    }
}
