using Cloudnet.Ipamd.Hosting;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>The DaemonSet's scheduling and lifecycle settings, as a CNI on every node needs them.</summary>
public sealed class DaemonSetTests
{
    private static readonly Manifests Base = Manifests.Files("deploy/kubernetes/base/serviceaccount.yaml", "deploy/kubernetes/base/daemonset.yaml");

    [Fact]
    public void Pod_RunsOnEveryNodeBeforeAnythingElse()
    {
        var spec = Base.DaemonSet.Spec.Template.Spec;

        Assert.True(spec.HostNetwork);
        Assert.Equal("system-node-critical", spec.PriorityClassName);
        Assert.Equal("Default", spec.DnsPolicy); // cluster DNS needs pod networking first
        var toleration = Assert.Single(spec.Tolerations);
        Assert.Equal("Exists", toleration.OperatorProperty);
        Assert.Null(toleration.Key);
        Assert.Null(toleration.Effect);
    }

    [Fact]
    public void Pod_SeesTheHostsProcessesForTheNamespaceCheck()
    {
        Assert.True(Base.DaemonSet.Spec.Template.Spec.HostPID, "/proc/<pid>/ns/net paths are checked at start");
    }

    [Fact]
    public void RollingUpdate_TenPercentOfNodesAtATime()
    {
        var strategy = Base.DaemonSet.Spec.UpdateStrategy;

        Assert.Equal("RollingUpdate", strategy.Type);
        Assert.Equal("10%", strategy.RollingUpdate.MaxUnavailable.Value);
    }

    [Fact]
    public void TerminationGrace_LongerThanTheDaemonsDrain()
    {
        var drain = new DaemonHostSettings { Options = new() }.ShutdownTimeout + TimeSpan.FromSeconds(10); // in-flight calls, then persist and clean up

        Assert.True(TimeSpan.FromSeconds(Base.DaemonSet.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30) >= drain);
    }

    [Fact]
    public void Containers_RequestResources_AndUseTheDaemonsAccount()
    {
        var spec = Base.DaemonSet.Spec.Template.Spec;

        Assert.All(spec.InitContainers.Concat(spec.Containers), c => Assert.True(c.Resources?.Requests?.ContainsKey("cpu") == true && c.Resources.Requests.ContainsKey("memory"), $"{c.Name}: no requests"));
        Assert.Equal(Base.ServiceAccount.Metadata.Name, spec.ServiceAccountName);
        Assert.Equal("kube-system", Base.DaemonSet.Metadata.NamespaceProperty);
    }

    [Fact]
    public void InstallCni_NeedsNoPrivilege()
    {
        var security = Base.InstallCni.SecurityContext;

        Assert.NotEqual(true, security.Privileged);
        Assert.False(security.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], security.Capabilities.Drop);
        Assert.Null(security.Capabilities.Add);
    }

    [KustomizeTheory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Overlay_RendersOneDaemonSetInKubeSystemWithOneImage(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);
        var spec = manifests.DaemonSet.Spec.Template.Spec;

        Assert.Equal("kube-system", manifests.DaemonSet.Metadata.NamespaceProperty);
        Assert.Equal("kube-system", manifests.Config.Metadata.NamespaceProperty);
        Assert.Single(spec.InitContainers.Concat(spec.Containers).Select(c => c.Image).Distinct());
        Assert.StartsWith("cloudnet:", spec.Containers[0].Image, StringComparison.Ordinal);
    }
}
