using System.Net;
using Cloudnet.Ipamd.Kubernetes;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing;
using Cloudnet.Testing.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using k8s.Autorest;

namespace Cloudnet.Ipamd.Tests.Kubernetes;

// The pod IP capacity goes onto the Node object as cloudnet.io/pod-ips, through the real client
// against the fake API server; a kubelet that admits more pods than that is warned about.
public sealed class NodeCapacityPublisherTests : IAsyncLifetime, IDisposable
{
    private const string Node = "node-a";
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly DaemonMetrics _metrics = new();
    private FakeKubeApiServer _server = null!;
    private int? _capacity = 29;

    public NodeCapacityPublisherTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));

    public async Task InitializeAsync() => _server = await FakeKubeApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _loggers.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task PublishOnce_NodeWithoutTheResource_AddsItToCapacityKeepingTheRest()
    {
        _server.PutNode(Node, "10.0.0.1");
        _server.SetNodeCapacity(Node, ("cpu", "2"), ("pods", "20"));

        var published = await Publisher().PublishOnceAsync(CancellationToken.None);

        var capacity = _server.Store.Get(KubeResource.Nodes, Node)!["status"]!["capacity"]!;
        Assert.Equal(29, published);
        Assert.Equal("29", capacity["cloudnet.io/pod-ips"]!.GetValue<string>());
        Assert.Equal("2", capacity["cpu"]!.GetValue<string>());
        Assert.Equal(29, _metrics.NodePodIPs.Value);
        Assert.Contains(_logs.Events, e => e.EventId == Logging.EventIds.NodeCapacityPublished && e.Message.Contains("cloudnet.io/pod-ips=29 (was unset)", StringComparison.Ordinal));
        Assert.False(_logs.Has(Logging.EventIds.NodeCapacityMismatch)); // the kubelet admits 20 <= 29
    }

    [Fact]
    public async Task PublishOnce_ValueAlreadyThere_ReadsWithoutPatching()
    {
        _server.PutNode(Node, "10.0.0.1");
        _server.SetNodeCapacity(Node, ("pods", "20"));
        var publisher = Publisher();
        await publisher.PublishOnceAsync(CancellationToken.None);
        var before = _server.RequestCount;

        await publisher.PublishOnceAsync(CancellationToken.None);

        Assert.Equal(before + 1, _server.RequestCount);
        Assert.Single(_logs.Events, e => e.EventId == Logging.EventIds.NodeCapacityPublished);
    }

    [Fact]
    public async Task PublishOnce_CapacityChanged_PatchesTheNewValue()
    {
        _server.PutNode(Node, "10.0.0.1");
        _server.SetNodeCapacity(Node, ("pods", "20"));
        var publisher = Publisher();
        await publisher.PublishOnceAsync(CancellationToken.None);
        _capacity = 17;

        await publisher.PublishOnceAsync(CancellationToken.None);

        Assert.Equal("17", _server.Store.Get(KubeResource.Nodes, Node)!["status"]!["capacity"]!["cloudnet.io/pod-ips"]!.GetValue<string>());
        Assert.Contains(_logs.Events, e => e.Message.Contains("cloudnet.io/pod-ips=17 (was 29)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishOnce_KubeletAdmitsMorePods_WarnsOncePerMismatchNamingTheFix()
    {
        _server.PutNode(Node, "10.0.0.1");
        _server.SetNodeCapacity(Node, ("pods", "110"));
        var publisher = Publisher();

        await publisher.PublishOnceAsync(CancellationToken.None);
        await publisher.PublishOnceAsync(CancellationToken.None);

        var warning = Assert.Single(_logs.Events, e => e.EventId == Logging.EventIds.NodeCapacityMismatch);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("admits 110 pods but the node has addresses for 29", warning.Message, StringComparison.Ordinal);
        Assert.Contains("maxPods to 29", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishOnce_NodeWithoutCapacity_CreatesTheCapacityMap()
    {
        _server.PutNode(Node, "10.0.0.1");

        await Publisher().PublishOnceAsync(CancellationToken.None);

        Assert.Equal("29", _server.Store.Get(KubeResource.Nodes, Node)!["status"]!["capacity"]!["cloudnet.io/pod-ips"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishOnce_ProviderHasNoCapacity_NothingReadOrPatchedAndSaidOnce()
    {
        _server.PutNode(Node, "10.0.0.1");
        _capacity = null;
        var publisher = Publisher();

        var first = await publisher.PublishOnceAsync(CancellationToken.None);
        await publisher.PublishOnceAsync(CancellationToken.None);

        Assert.Null(first);
        Assert.Equal(0, _server.RequestCount);
        Assert.Single(_logs.Events, e => e.EventId == Logging.EventIds.NodeCapacityUnknown);
    }

    [Fact]
    public async Task PublishOnce_NoSuchNode_ThrowsWith404()
    {
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => Publisher().PublishOnceAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, ex.Response.StatusCode);
    }

    [Fact]
    public async Task Running_NodeAppearsLater_WarnsThenPublishesOnTheRetry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var publisher = Publisher(time);

        await publisher.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => _logs.Has(Logging.EventIds.NodeCapacityFailed), "the first attempt fails: no node yet");
        _server.PutNode(Node, "10.0.0.1");
        // Advanced in steps: the retry's timer may not be armed yet when the failure is logged.
        await Eventually.TrueAsync(() => _logs.Has(Logging.EventIds.NodeCapacityPublished), "the retry after 10 s publishes",
            step: () => time.Advance(TimeSpan.FromSeconds(1)));
        await publisher.StopAsync(CancellationToken.None);

        var failed = _logs.Events.First(e => e.EventId == Logging.EventIds.NodeCapacityFailed);
        Assert.Contains("404 NotFound", failed.Message, StringComparison.Ordinal);
        Assert.Contains("retrying in 00:00:10", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_NodeNameSet_PublishesTheLocalPoolSize()
    {
        _server.PutNode(Node, "10.0.0.1");
        _server.SetNodeCapacity(Node, ("pods", "110"));
        await using var daemon = await TestDaemon.StartAsync(o => o.NodeObject = new NodeObjectOptions { NodeName = Node, KubeApi = _server.BaseAddress });

        await Eventually.TrueAsync(
            () => _server.Store.Get(KubeResource.Nodes, Node)!["status"]!["capacity"]!["cloudnet.io/pod-ips"] is not null,
            "the daemon publishes cloudnet.io/pod-ips");

        // 10.99.0.0/24, the test daemon's pool: 254 usable addresses, more than the kubelet's 110.
        Assert.Equal("254", _server.Store.Get(KubeResource.Nodes, Node)!["status"]!["capacity"]!["cloudnet.io/pod-ips"]!.GetValue<string>());
        Assert.False(daemon.Logs.Has(Logging.EventIds.NodeCapacityMismatch));
    }

    [Fact]
    public async Task Daemon_NoNodeName_NeverCallsTheApi()
    {
        _server.PutNode(Node, "10.0.0.1");
        await using var daemon = await TestDaemon.StartAsync();

        await daemon.Client.AddAsync(Requests.Add("c1"));

        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public void KubernetesApi_NothingConfigured_SaysWhatToSet()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => KubernetesApi.Create(new NodeObjectOptions { NodeName = Node, Kubeconfig = "/nonexistent/kubeconfig" }));

        Assert.Contains("/nonexistent/kubeconfig", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CLOUDNET_KUBE_API", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CLOUDNET_NODE_NAME", ex.Message, StringComparison.Ordinal);
    }

    private NodeCapacityPublisher Publisher(TimeProvider? time = null) => new(
        Node,
        () => KubernetesApi.Create(new NodeObjectOptions { NodeName = Node, KubeApi = _server.BaseAddress }),
        _ => Task.FromResult(_capacity),
        _metrics,
        time ?? TimeProvider.System,
        _loggers.CreateLogger<NodeCapacityPublisher>());
}
