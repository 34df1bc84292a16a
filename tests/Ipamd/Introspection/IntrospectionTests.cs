using System.Net;
using System.Text.Json;
using Cloudnet.Ipamd.Tests.Support;

namespace Cloudnet.Ipamd.Tests.Introspection;

public sealed class IntrospectionTests : IAsyncLifetime
{
    private TestDaemon _daemon = null!;

    public async Task InitializeAsync()
    {
        _daemon = await TestDaemon.StartAsync();
        await _daemon.Client.AddAsync(Requests.Add("c1"));
    }

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    private async Task<JsonElement> GetJsonAsync(string path) =>
        JsonDocument.Parse(await _daemon.Http.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement;

    [Fact]
    public async Task Pool_ReportsTotalsAndPerInterface()
    {
        var pool = await GetJsonAsync("/v1/pool");

        Assert.Equal("local", pool.GetProperty("provider").GetString());
        Assert.Equal(254, pool.GetProperty("total").GetInt32());
        Assert.Equal(1, pool.GetProperty("assigned").GetInt32());
        var iface = Assert.Single(pool.GetProperty("interfaces").EnumerateArray());
        Assert.Equal("local-0", iface.GetProperty("id").GetString());
        Assert.Equal(1, iface.GetProperty("assigned").GetInt32());
        Assert.Equal(300, pool.GetProperty("releaseDelaySeconds").GetDouble()); // CLOUDNET_RELEASE_DELAY, nothing learned yet
    }

    [Fact]
    public async Task Allocations_ListsTheAttachmentWithPodMetadata()
    {
        var allocations = await GetJsonAsync("/v1/allocations");

        var a = Assert.Single(allocations.EnumerateArray());
        Assert.Equal("cloudnet", a.GetProperty("network").GetString());
        Assert.Equal("c1", a.GetProperty("containerId").GetString());
        Assert.Equal("eth0", a.GetProperty("ifName").GetString());
        Assert.Equal("default", a.GetProperty("podNamespace").GetString());
        Assert.Equal("pod-c1", a.GetProperty("podName").GetString());
        Assert.True(IPAddress.TryParse(a.GetProperty("address").GetString(), out _));
        Assert.True(a.TryGetProperty("allocatedAt", out _));
    }

    [Fact]
    public async Task InterfacesAndConfig_Served()
    {
        var interfaces = await GetJsonAsync("/v1/interfaces");
        var config = await GetJsonAsync("/v1/config");

        Assert.Equal(254, Assert.Single(interfaces.EnumerateArray()).GetProperty("addresses").GetArrayLength());
        Assert.Equal("local", config.GetProperty("provider").GetString());
        Assert.Equal(1500, config.GetProperty("mtu").GetInt32());
        Assert.Equal(1, config.GetProperty("warmPool").GetProperty("warmEniTarget").GetInt32());
        Assert.Equal("00:05:00", config.GetProperty("warmPool").GetProperty("releaseDelay").GetString()); // CLOUDNET_RELEASE_DELAY default
        Assert.Equal("00:30:00", config.GetProperty("warmPool").GetProperty("maxReleaseDelay").GetString()); // CLOUDNET_RELEASE_DELAY_MAX default
        Assert.False(config.GetProperty("conntrackFlush").GetBoolean()); // TestDaemon turns CLOUDNET_CONNTRACK_FLUSH off
        Assert.Equal(JsonValueKind.Null, config.GetProperty("nodeName").ValueKind); // CLOUDNET_NODE_NAME unset
        Assert.Equal(254, config.GetProperty("maxPods").GetInt32()); // the local provider: every usable address of 10.99.0.0/24
    }

    [Fact]
    public async Task HealthAndReady_OkWhenReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await _daemon.Http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _daemon.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Readyz_Draining_ServiceUnavailable()
    {
        _daemon.Get<Ipamd.State.DaemonState>().MarkDraining();

        var response = await _daemon.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_PrometheusTextOnTheMetricsPortOnly()
    {
        using var metricsHttp = _daemon.MetricsHttp;

        var text = await metricsHttp.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var onIntrospection = await _daemon.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var poolOnMetrics = await metricsHttp.GetAsync(new Uri("/v1/pool", UriKind.Relative));

        Assert.Contains("cloudnet_addresses{state=\"assigned\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cloudnet_addresses{state=\"total\"} 254", text, StringComparison.Ordinal);
        Assert.Contains("cloudnet_add_requests_total{outcome=\"assigned\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cloudnet_add_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("cloudnet_reconcile_runs_total", text, StringComparison.Ordinal);
        Assert.Contains("cloudnet_release_delay_seconds 300\n", text, StringComparison.Ordinal);
        Assert.Contains("cloudnet_provider_calls_total{provider=\"local\",operation=\"Describe\"}", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, onIntrospection.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, poolOnMetrics.StatusCode);
    }
}
