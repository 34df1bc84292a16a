using System.Net;
using Cloudnet.Ipamd.Tests.Support;
using k8s.Models;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>The kubelet's probes and Prometheus's scrape reach what the daemon serves, where it serves it.</summary>
public sealed class ProbeTests
{
    private static readonly Manifests Base = Manifests.Files("deploy/kubernetes/base/daemonset.yaml");

    private static readonly Cloudnet.Ipamd.Options.DaemonOptions Effective = DaemonVariables.Options(
        Base.Daemon.Env.Where(v => v.ValueFrom is null).ToDictionary(v => v.Name, v => (string?)v.Value, StringComparer.Ordinal));

    private static IEnumerable<(string Kind, V1HTTPGetAction Get)> Probes()
    {
        var c = Base.Daemon;
        return [("startup", c.StartupProbe.HttpGet), ("liveness", c.LivenessProbe.HttpGet), ("readiness", c.ReadinessProbe.HttpGet)];
    }

    [Fact]
    public void Probes_HitTheIntrospectionAddressTheDaemonListensOn()
    {
        Assert.True(IPAddress.IsLoopback(Effective.IntrospectionEndpoint.Address), "introspection shows pods and allocations: keep it on loopback");
        Assert.True(Base.DaemonSet.Spec.Template.Spec.HostNetwork, "a probe to 127.0.0.1 reaches the daemon only when the pod shares the node's network");
        foreach (var (kind, get) in Probes())
        {
            Assert.True(get.Host == Effective.IntrospectionEndpoint.Address.ToString(), $"{kind} probe host {get.Host}: the kubelet would probe the pod IP, where nothing listens");
            Assert.Equal(Effective.IntrospectionEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), get.Port.Value);
            Assert.Equal("HTTP", get.Scheme ?? "HTTP");
        }

        Assert.Equal("/readyz", Base.Daemon.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/healthz", Base.Daemon.LivenessProbe.HttpGet.Path);
    }

    [Fact]
    public async Task ProbePaths_ServedByARunningDaemon()
    {
        await using var daemon = await TestDaemon.StartAsync();

        foreach (var (kind, get) in Probes())
        {
            using var response = await daemon.Http.GetAsync(new Uri(get.Path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind} probe GET {get.Path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public void ScrapeAnnotations_PointAtTheMetricsListenerOnTheNodeAddress()
    {
        var annotations = Base.DaemonSet.Spec.Template.Metadata.Annotations;

        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(Effective.MetricsEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), annotations["prometheus.io/port"]);
        Assert.True(Effective.MetricsEndpoint.Address.Equals(IPAddress.Any), "Prometheus scrapes the node's address: metrics must not listen on loopback only");
        Assert.Contains(Base.Daemon.Ports, p => p.ContainerPort == Effective.MetricsEndpoint.Port && p.Name == "metrics");
    }

    [Fact]
    public async Task ScrapePath_ServedByARunningDaemon()
    {
        await using var daemon = await TestDaemon.StartAsync();
        using var metrics = daemon.MetricsHttp;

        var text = await metrics.GetStringAsync(new Uri(Base.DaemonSet.Spec.Template.Metadata.Annotations["prometheus.io/path"], UriKind.Relative));

        Assert.Contains("cloudnet_", text, StringComparison.Ordinal);
    }
}
