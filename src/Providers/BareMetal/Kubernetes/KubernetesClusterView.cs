using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.BareMetal.Kubernetes;

/// <summary>
/// Nodes and IPAMBlocks kept current by list+watch (<see cref="ResourceInformer{T}"/>): the BGP mesh's
/// peers and the static-route mode's routes. <see cref="Changed"/> fires after every change.
/// </summary>
public sealed class KubernetesClusterView
{
    private const string G = IpamBlockResource.Group;
    private const string V = IpamBlockResource.Version;
    private const string P = IpamBlockResource.Plural;
    private const int WatchTimeoutSeconds = 300;
    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger<KubernetesClusterView> _logger;
    private readonly Lock _lock = new();
    private ImmutableDictionary<string, IPAddress> _nodes = ImmutableDictionary<string, IPAddress>.Empty;
    private ImmutableDictionary<string, ImmutableArray<Cidr>> _podCidrs = ImmutableDictionary<string, ImmutableArray<Cidr>>.Empty;
    private ImmutableDictionary<string, BlockClaim> _blocks = ImmutableDictionary<string, BlockClaim>.Empty;
    private bool _nodesSynced;
    private bool _blocksSynced;

    /// <summary>Creates the view; call <see cref="RunAsync"/> to fill it.</summary>
    public KubernetesClusterView(IKubernetes client, TimeProvider timeProvider, ILogger<KubernetesClusterView> logger)
    {
        _client = client;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised (on the watch's thread) after the view changed.</summary>
    public event EventHandler? Changed;

    /// <summary>The current view.</summary>
    public ClusterSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new ClusterSnapshot(_nodes, [.. _blocks.Values], _nodesSynced && _blocksSynced) { NodePodCidrs = _podCidrs };
        }
    }

    /// <summary>Lists and watches nodes and blocks until cancelled; ends with an OperationCanceledException.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var nodes = new ResourceInformer<V1Node>(
            "nodes",
            async ct =>
            {
                var list = await _client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false);
                return (list.Metadata.ResourceVersion, [.. list.Items]);
            },
            (version, onError, ct) => _client.CoreV1.WatchListNodeAsync(resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, onError: onError, cancellationToken: ct),
            new ResourceInformerCallbacks<V1Node>(ReplaceNodes, ApplyNode),
            _time,
            _logger);
        var blocks = new ResourceInformer<IpamBlockResource>(
            "ipamblocks",
            async ct =>
            {
                var list = await _client.CustomObjects.ListClusterCustomObjectAsync<IpamBlockList>(G, V, P, cancellationToken: ct).ConfigureAwait(false);
                return (list.Metadata.ResourceVersion, [.. list.Items]);
            },
            WatchBlocks,
            new ResourceInformerCallbacks<IpamBlockResource>(ReplaceBlocks, ApplyBlock),
            _time,
            _logger);
        return Task.WhenAll(nodes.RunAsync(cancellationToken), blocks.RunAsync(cancellationToken));
    }

    private async IAsyncEnumerable<(WatchEventType, IpamBlockResource)> WatchBlocks(
        string version, Action<Exception> onError, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = _client.CustomObjects.WatchListClusterCustomObjectAsync(
            G, V, P, resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, obj) in events.ConfigureAwait(false))
        {
            var block = obj is JsonElement element ? KubernetesJson.Deserialize<IpamBlockResource>(element.GetRawText()) : null;
            if (block is not null)
            {
                yield return (type, block);
            }
        }
    }

    private void ReplaceNodes(IReadOnlyList<V1Node> nodes) => Update(() =>
    {
        _nodes = nodes.Select(n => (n.Metadata.Name, Address: KubernetesNodes.InternalAddress(n)))
            .Where(n => n.Address is not null)
            .ToImmutableDictionary(n => n.Name, n => n.Address!, StringComparer.Ordinal);
        _podCidrs = nodes.ToImmutableDictionary(n => n.Metadata.Name, PodCidrsOf, StringComparer.Ordinal);
        _nodesSynced = true;
    });

    private void ApplyNode(WatchEventType type, V1Node node) => Update(() =>
    {
        var address = KubernetesNodes.InternalAddress(node);
        _nodes = type == WatchEventType.Deleted || address is null
            ? _nodes.Remove(node.Metadata.Name)
            : _nodes.SetItem(node.Metadata.Name, address);
        _podCidrs = type == WatchEventType.Deleted ? _podCidrs.Remove(node.Metadata.Name) : _podCidrs.SetItem(node.Metadata.Name, PodCidrsOf(node));
    });

    private static ImmutableArray<Cidr> PodCidrsOf(V1Node node) =>
        [.. (node.Spec?.PodCIDRs ?? []).Select(t => Cidr.TryParse(t, out var c) ? c : (Cidr?)null).OfType<Cidr>()];

    private void ReplaceBlocks(IReadOnlyList<IpamBlockResource> blocks) => Update(() =>
    {
        _blocks = blocks.Select(KubernetesBlockStore.ToClaim).OfType<BlockClaim>()
            .ToImmutableDictionary(c => BlockNames.Of(c.Block), StringComparer.Ordinal);
        _blocksSynced = true;
    });

    private void ApplyBlock(WatchEventType type, IpamBlockResource block) => Update(() =>
    {
        var name = block.Metadata?.Name ?? "";
        _blocks = type == WatchEventType.Deleted || KubernetesBlockStore.ToClaim(block) is not { } claim
            ? _blocks.Remove(name)
            : _blocks.SetItem(name, claim);
    });

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }
}
