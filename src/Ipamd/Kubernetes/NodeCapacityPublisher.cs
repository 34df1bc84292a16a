using System.Globalization;
using System.Text.Json;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Options;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Kubernetes;

/// <summary>
/// Publishes how many pods this node can address on its Node object, as the extended resource
/// <see cref="ResourceName"/> in <c>status.capacity</c> (the kubelet copies it to allocatable), and
/// warns when the kubelet admits more pods than that: those pods would be scheduled here and wait in
/// ContainerCreating for an address that never comes — the max-pods mismatch AWS VPC CNI users hit
/// with prefix delegation or custom networking. Pods (or a mutating webhook) may request one
/// <see cref="ResourceName"/> each, and the scheduler then never places more pods than addresses.
/// </summary>
/// <remarks>
/// Runs once at start and then every <see cref="RefreshInterval"/>: the Node object may be re-created
/// (the kubelet re-registers) and lose the resource, and the capacity may change (MAX_PODS, an
/// instance type learned late). It reads the node first and patches only when the value differs.
/// Failures are logged and retried with backoff; they never affect ADD or DEL.
/// </remarks>
public sealed partial class NodeCapacityPublisher(
    string nodeName,
    Func<IKubernetes> client,
    Func<CancellationToken, Task<int?>> capacity,
    DaemonMetrics metrics,
    TimeProvider timeProvider,
    ILogger<NodeCapacityPublisher> logger) : BackgroundService
{
    /// <summary>The extended resource: one per pod address the node can hold.</summary>
    public const string ResourceName = "cloudnet.io/pod-ips";

    /// <summary>How often the published value is checked again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);

    // The provider may learn its capacity late (AWS: the instance type from IMDS and EC2).
    private static readonly TimeSpan UnknownRetry = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = logger;
    private IKubernetes? _client;
    private (int KubeletPods, int Capacity)? _warned;
    private bool _unknownLogged;

    /// <summary>One pass: compute the capacity, read the node, patch it when the value differs, check
    /// the kubelet's max pods. Returns the capacity on the node afterwards (null when there is none to publish).</summary>
    /// <exception cref="HttpOperationException">The API server refused a call.</exception>
    /// <exception cref="HttpRequestException">The API server could not be reached.</exception>
    public async Task<int?> PublishOnceAsync(CancellationToken cancellationToken)
    {
        if (await capacity(cancellationToken).ConfigureAwait(false) is not { } pods)
        {
            if (!_unknownLogged)
            {
                _unknownLogged = true;
                LogUnknown(nodeName);
            }

            return null;
        }

        _client ??= client();
        var node = await _client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
        var published = node.Status?.Capacity is { } existing && existing.TryGetValue(ResourceName, out var quantity) ? Parse(quantity) : null;
        if (published != pods)
        {
            var patch = node.Status?.Capacity is null
                ? new { op = "add", path = "/status/capacity", value = (object)new Dictionary<string, string> { [ResourceName] = Text(pods) } }
                : new { op = "add", path = "/status/capacity/" + ResourceName.Replace("/", "~1", StringComparison.Ordinal), value = (object)Text(pods) };
            await _client.CoreV1.PatchNodeStatusAsync(
                new V1Patch(JsonSerializer.Serialize(new[] { patch }), V1Patch.PatchType.JsonPatch), nodeName, cancellationToken: cancellationToken).ConfigureAwait(false);
            LogPublished(nodeName, ResourceName, pods, published is { } before ? Text(before) : "unset");
        }

        metrics.NodePodIPs.Set(pods);
        if (node.Status?.Capacity is { } kubelet && kubelet.TryGetValue("pods", out var maxPods) && Parse(maxPods) is { } admitted
            && admitted > pods && _warned != (admitted, pods))
        {
            _warned = (admitted, pods);
            LogMismatch(nodeName, admitted, pods, ResourceName);
        }

        return pods;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                var published = await PublishOnceAsync(stoppingToken).ConfigureAwait(false);
                retry = FirstRetry;
                next = published is null ? UnknownRetry : RefreshInterval;
            }
            catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or InvalidOperationException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(nodeName, Describe(ex), retry);
                next = retry;
                retry = retry * 2 < RefreshInterval ? retry * 2 : RefreshInterval;
            }

            try
            {
                await Task.Delay(next, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string Describe(Exception ex) => ex is HttpOperationException { Response: { } response }
        ? $"{(int)response.StatusCode} {response.StatusCode}: {Truncate(response.Content)}"
        : ex.Message;

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 300 ? text : text[..300] + "…";

    private static int? Parse(ResourceQuantity quantity) =>
        int.TryParse(quantity.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Logging.EventIds.NodeCapacityPublished, LogLevel.Information, "Node {Node}: published {Resource}={Capacity} (was {Before})")]
    private partial void LogPublished(string node, string resource, int capacity, string before);

    [LoggerMessage(Logging.EventIds.NodeCapacityFailed, LogLevel.Warning, "Node {Node}: publishing the pod IP capacity failed ({Error}); retrying in {Retry}")]
    private partial void LogFailed(string node, string error, TimeSpan retry);

    [LoggerMessage(Logging.EventIds.NodeCapacityMismatch, LogLevel.Warning, "Node {Node}: the kubelet admits {KubeletPods} pods but the node has addresses for {Capacity}: pods beyond that wait for an address. Set the kubelet's maxPods to {Capacity}, or have pods request {Resource}")]
    private partial void LogMismatch(string node, int kubeletPods, int capacity, string resource);

    [LoggerMessage(Logging.EventIds.NodeCapacityUnknown, LogLevel.Information, "Node {Node}: the provider has no fixed pod IP capacity (yet); nothing published")]
    private partial void LogUnknown(string node);
}
