using System.Collections.Immutable;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal;
using Cloudnet.Providers.BareMetal.Bgp;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Kubernetes;
using Cloudnet.Providers.BareMetal.Routing;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>
/// BGP through BIRD: renders the configuration from the owned blocks and the peers (configured plus
/// the node mesh), and when the text changed writes it (checked by BIRD first with <c>configure
/// check</c>, then renamed into place) and reloads BIRD with <c>configure</c>. When BIRD is not
/// running yet the file is written anyway (BIRD reads it when it starts) and the reload is retried
/// by <see cref="BgpStatusService"/>. BIRD failures are reported in /v1/bgp and logs, never thrown:
/// the blackhole routes and pod addressing do not depend on BIRD.
/// </summary>
public sealed partial class BirdRouting(BareMetalSettings settings, KubernetesClusterView? view, TimeProvider timeProvider, ILogger<BirdRouting> logger)
    : IBlockRouting, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImmutableArray<Cidr> _owned = [];
    private ImmutableArray<BgpPeer> _peers = [];
    private ImmutableArray<BirdProtocolStatus> _protocols = [];
    private string? _applied;
    private bool _reloadPending;
    private bool _birdReachable;
    private DateTimeOffset? _lastReload;
    private string? _lastError;

    /// <inheritdoc />
    public Task SetOwnedBlocksAsync(IReadOnlyList<Cidr> blocks, CancellationToken cancellationToken)
    {
        _owned = [.. blocks.Order(CidrOrder.Instance)];
        return ApplyAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task ClusterChangedAsync(CancellationToken cancellationToken) => ApplyAsync(cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(CancellationToken cancellationToken) => SetOwnedBlocksAsync([], cancellationToken);

    /// <summary>Retries a reload that failed because BIRD was not reachable.</summary>
    public Task RetryPendingAsync(CancellationToken cancellationToken) => _reloadPending ? ApplyAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Reads <c>show protocols</c> for /v1/bgp and the metrics.</summary>
    public async Task<IReadOnlyList<BirdProtocolStatus>> RefreshStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var client = await BirdControlClient.ConnectAsync(settings.BirdSocketPath, cancellationToken).ConfigureAwait(false);
            _protocols = [.. await client.ShowProtocolsAsync(cancellationToken).ConfigureAwait(false)];
            _birdReachable = true;
        }
        catch (BirdException e)
        {
            _birdReachable = false;
            _protocols = [];
            _lastError = e.Message;
        }

        return _protocols;
    }

    /// <summary>The state for /v1/bgp.</summary>
    public BgpStatus Status() => new(
        "bgp", settings.RouterId?.ToString(), settings.LocalAs,
        [.. _owned.Select(b => b.ToString())],
        [.. _peers.Select(p => $"{p.Address} as {p.As}")],
        _birdReachable, _protocols, [], _lastReload, _lastError);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var mesh = settings.BgpMesh && view is not null
                ? ClusterRoutes.MeshPeers(view.Snapshot(), settings.NodeName, settings.NodeAddress, settings.LocalAs)
                : [];
            _peers = [.. settings.Peers.Concat(mesh).DistinctBy(p => p.Address)];
            var text = BirdConfigRenderer.Render(new BirdConfig(settings.RouterId!, settings.LocalAs, _owned, settings.Pool.Cidrs, _peers));
            if (text == _applied && !_reloadPending)
            {
                return;
            }

            await WriteAndReloadAsync(text, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAndReloadAsync(string text, CancellationToken cancellationToken)
    {
        var path = settings.BirdConfigPath;
        var temporary = path + ".new";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
        BirdControlClient? client = null;
        try
        {
            try
            {
                client = await BirdControlClient.ConnectAsync(settings.BirdSocketPath, cancellationToken).ConfigureAwait(false);
                await client.CheckConfigAsync(temporary, cancellationToken).ConfigureAwait(false);
            }
            catch (BirdException e) when (client is null)
            {
                // BIRD is not running (yet): put the file in place for its start; reload later.
                File.Move(temporary, path, overwrite: true);
                (_applied, _reloadPending, _birdReachable, _lastError) = (text, true, false, e.Message);
                LogBirdUnreachable(settings.BirdSocketPath, e.Message);
                return;
            }

            File.Move(temporary, path, overwrite: true);
            _applied = text;
            await client.ConfigureAsync(cancellationToken).ConfigureAwait(false);
            (_reloadPending, _birdReachable, _lastError, _lastReload) = (false, true, null, timeProvider.GetUtcNow());
            LogReloaded(_owned.Length, _peers.Length);
        }
        catch (BirdException e)
        {
            // BIRD refused the configuration: the running one stays; the file on disk is the last good one.
            File.Delete(temporary);
            _lastError = e.Message;
            _reloadPending = client is not null && _applied == text;
            LogBirdRefused(e.Message);
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "BIRD reloaded: {Blocks} owned blocks announced to {Peers} peers")]
    private partial void LogReloaded(int blocks, int peers);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "BIRD is not reachable at {Socket} ({Reason}); configuration written, reload pending")]
    private partial void LogBirdUnreachable(string socket, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "BIRD refused the configuration; it keeps the previous one: {Reason}")]
    private partial void LogBirdRefused(string reason);
}
