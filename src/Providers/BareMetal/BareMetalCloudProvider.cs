using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Providers.BareMetal.Blocks;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.BareMetal;

/// <summary>
/// Bare-metal blocks presented to the daemon's planner as pool interfaces, so the planner and the
/// datastore run unchanged:
/// <list type="bullet">
/// <item>The node itself is the primary interface <see cref="PrimaryInterfaceId"/>, excluded from pods (like
/// AWS custom networking's primary ENI): it carries the node address and is never deleted.</item>
/// <item>Each owned block is one interface (<see cref="InterfaceKind.Block"/>, id = block name, route table main,
/// <see cref="PoolInterface.Subnet"/> = the block). CreateInterface claims the next free block; its addresses are
/// all the block's addresses.</item>
/// <item>ReleaseAddresses parks free addresses (they stay in the block); AssignAddresses brings them back.</item>
/// <item>DeleteInterface (the planner asks only for blocks with no assigned or cooling address) starts the grace
/// period: the block is drained, described as excluded from pods, so nothing is assigned from it and the planner
/// leaves it alone; a describe after the grace period returns it to the pool. A CreateInterface during the grace
/// period revives a drained block instead of claiming a new one.</item>
/// </list>
/// </summary>
public sealed partial class BareMetalCloudProvider : ICloudProvider, IDisposable
{
    /// <summary>Id of the pseudo-interface standing for the node's own network interface.</summary>
    public const string PrimaryInterfaceId = "node";

    private const string CreateOperation = "ClaimBlock";
    private readonly BareMetalSettings _settings;
    private readonly IBlockStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BareMetalMetrics _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, OwnedBlock> _owned = new(StringComparer.Ordinal);

    /// <summary>Creates the provider.</summary>
    public BareMetalCloudProvider(BareMetalSettings settings, IBlockStore store, TimeProvider timeProvider, ILogger<BareMetalCloudProvider> logger, BareMetalMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _store = store;
        _time = timeProvider;
        _logger = logger;
        _metrics = metrics;
    }

    /// <inheritdoc />
    public string Name => "baremetal";

    /// <summary>The blocks this node holds, as last described or claimed.</summary>
    public IReadOnlyList<Cidr> OwnedBlocks()
    {
        lock (_owned)
        {
            return [.. _owned.Values.Select(b => b.Block).Order(CidrOrder.Instance)];
        }
    }

    /// <inheritdoc />
    public async Task<NodeDescription> DescribeAsync(CancellationToken cancellationToken)
    {
        await ReleaseDrainedAsync(cancellationToken).ConfigureAwait(false);
        var claims = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        var mine = claims.Where(c => c.Node == _settings.NodeName).ToDictionary(c => BlockNames.Of(c.Block), StringComparer.Ordinal);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_owned)
            {
                foreach (var gone in _owned.Keys.Where(k => !mine.ContainsKey(k)).ToList())
                {
                    _owned.Remove(gone);
                    LogBlockLost(gone, _settings.NodeName);
                }

                foreach (var (name, claim) in mine.Where(m => !_owned.ContainsKey(m.Key)))
                {
                    _owned[name] = new OwnedBlock(claim.Block, claim.ClaimedAt ?? _time.GetUtcNow());
                    LogBlockAdopted(name, _settings.NodeName);
                }

                _metrics.SetOwnedBlocks(_owned.Count);
                return Describe();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<PoolInterface> CreateInterfaceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_owned)
            {
                if (_owned.Values.Where(b => b.EmptySince is not null).OrderBy(b => b.Block, CidrOrder.Instance).FirstOrDefault() is { } drained)
                {
                    drained.EmptySince = null;
                    drained.Activate(drained.All.Length);
                    LogBlockRevived(drained.Name);
                    return ToInterface(drained, DeviceIndexOf(drained.Name));
                }
            }

            var block = await ClaimNextAsync(cancellationToken).ConfigureAwait(false);
            lock (_owned)
            {
                var owned = new OwnedBlock(block, _time.GetUtcNow());
                _owned[owned.Name] = owned;
                _metrics.SetOwnedBlocks(_owned.Count);
                return ToInterface(owned, DeviceIndexOf(owned.Name));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IPAddress>> AssignAddressesAsync(string interfaceId, int count, CancellationToken cancellationToken)
    {
        lock (_owned)
        {
            var block = Find(interfaceId, "AssignAddresses");
            block.EmptySince = null;
            return Task.FromResult(block.Activate(count));
        }
    }

    /// <inheritdoc />
    public Task ReleaseAddressesAsync(string interfaceId, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        lock (_owned)
        {
            Find(interfaceId, "ReleaseAddresses").Deactivate(addresses);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Cidr>> AssignPrefixesAsync(string interfaceId, int count, CancellationToken cancellationToken) =>
        throw new CloudProviderException(CloudErrorKind.Other, "AssignPrefixes", $"interface {interfaceId}: bare-metal blocks have no delegated prefixes");

    /// <inheritdoc />
    public Task ReleasePrefixesAsync(string interfaceId, IReadOnlyList<Cidr> prefixes, CancellationToken cancellationToken) =>
        throw new CloudProviderException(CloudErrorKind.Other, "ReleasePrefixes", $"interface {interfaceId}: bare-metal blocks have no delegated prefixes");

    /// <inheritdoc />
    public Task DeleteInterfaceAsync(string interfaceId, CancellationToken cancellationToken)
    {
        if (interfaceId == PrimaryInterfaceId)
        {
            throw new CloudProviderException(CloudErrorKind.Other, "ReleaseBlock", $"interface {interfaceId} is the node itself and is never deleted");
        }

        lock (_owned)
        {
            if (_owned.TryGetValue(interfaceId, out var block) && block.EmptySince is null)
            {
                block.EmptySince = _time.GetUtcNow();
                LogReleaseDeferred(interfaceId, block.EmptySince.Value + _settings.ReleaseGracePeriod);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Returns the drained blocks whose grace period is over.</summary>
    private async Task ReleaseDrainedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            List<OwnedBlock> due;
            lock (_owned)
            {
                due = [.. _owned.Values.Where(b => b.EmptySince is { } since && now - since >= _settings.ReleaseGracePeriod)];
            }

            foreach (var block in due)
            {
                await _store.ReleaseAsync(block.Block, _settings.NodeName, cancellationToken).ConfigureAwait(false);
                lock (_owned)
                {
                    _owned.Remove(block.Name);
                    _metrics.SetOwnedBlocks(_owned.Count);
                }

                _metrics.Released();
                LogBlockReleased(block.Name, _settings.NodeName);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<Cidr> ClaimNextAsync(CancellationToken cancellationToken)
    {
        int ownedCount;
        lock (_owned)
        {
            ownedCount = _owned.Count;
        }

        if (ownedCount >= _settings.MaxBlocks)
        {
            throw new CloudProviderException(CloudErrorKind.Capacity, CreateOperation,
                $"node {_settings.NodeName} already holds {ownedCount} blocks, the maximum (CLOUDNET_BAREMETAL_MAX_BLOCKS)");
        }

        var claims = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        var taken = claims.Select(c => c.Block).ToHashSet();
        var conflicts = 0;
        foreach (var candidate in await _store.CandidatesAsync(_settings.NodeName, cancellationToken).ConfigureAwait(false))
        {
            if (taken.Contains(candidate))
            {
                continue;
            }

            if (await _store.TryClaimAsync(candidate, _settings.NodeName, cancellationToken).ConfigureAwait(false))
            {
                _metrics.Claimed();
                var name = BlockNames.Of(candidate);
                LogBlockClaimed(name, _settings.NodeName, conflicts);
                return candidate;
            }

            _metrics.ClaimConflict();
            if (++conflicts >= MaxConflicts)
            {
                throw new CloudProviderException(CloudErrorKind.Transient, CreateOperation,
                    $"node {_settings.NodeName} lost {conflicts} block claims in a row to other nodes; will retry");
            }
        }

        _metrics.PoolExhausted();
        var pool = _settings.ClaimMode == BlockClaimMode.Kubernetes
            ? $"pool {string.Join(",", _settings.Pool.Cidrs)} has no free block ({claims.Count} of {_settings.Pool.BlockCount} claimed)"
            : $"all {taken.Count} blocks configured for node {_settings.NodeName} ({_settings.ClaimMode}) are in use";
        LogPoolExhausted(pool);
        throw new CloudProviderException(CloudErrorKind.Capacity, CreateOperation, pool);
    }

    private const int MaxConflicts = 32;

    private OwnedBlock Find(string interfaceId, string operation) =>
        _owned.TryGetValue(interfaceId, out var block)
            ? block
            : throw new CloudProviderException(CloudErrorKind.NotFound, operation, $"block {interfaceId} is not held by node {_settings.NodeName}");

    private NodeDescription Describe()
    {
        var blocks = _owned.Values.OrderBy(b => b.Block, CidrOrder.Instance).ToList();
        var interfaces = ImmutableArray.CreateBuilder<PoolInterface>(blocks.Count + 1);
        interfaces.Add(new PoolInterface
        {
            Id = PrimaryInterfaceId,
            Kind = InterfaceKind.Block,
            IsPrimary = true,
            ExcludedFromPods = true,
            PrimaryAddress = _settings.NodeAddress,
        });
        interfaces.AddRange(blocks.Select((b, i) => ToInterface(b, i + 1)));
        return new NodeDescription
        {
            NodeId = _settings.NodeName,
            Interfaces = interfaces.ToImmutable(),
            VpcCidrs = _settings.Pool.Cidrs.IsEmpty ? [.. blocks.Select(b => b.Block)] : _settings.Pool.Cidrs,
            Limits = new PoolLimits
            {
                MaxInterfaces = _settings.MaxBlocks + 1,
                AddressesPerInterface = AddressesPerBlock(),
            },
        };
    }

    /// <summary>
    /// The planner's addresses-per-interface: the smallest block this node can hold (over the families
    /// of the pool and of the configured blocks), so the planner never asks a block for more addresses
    /// than it has. A larger block (another family) simply reports more addresses than the limit.
    /// </summary>
    private int AddressesPerBlock()
    {
        var sizes = _settings.LocalBlocks.Select(b => (int)b.Size)
            .Concat(_settings.Pool.Cidrs.Select(c => 1 << (c.AddressBits - _settings.Pool.PrefixLengthFor(c.Family))))
            .ToList();
        return sizes.Count > 0 ? sizes.Min() : 1 << (32 - _settings.Pool.PrefixLengthV4);
    }

    private int DeviceIndexOf(string name) =>
        _owned.Values.OrderBy(b => b.Block, CidrOrder.Instance).Select(b => b.Name).ToList().IndexOf(name) + 1;

    private static PoolInterface ToInterface(OwnedBlock block, int deviceIndex) => new()
    {
        Id = block.Name,
        Kind = InterfaceKind.Block,
        DeviceIndex = deviceIndex,
        Subnet = block.Block,
        RouteTable = RouteTables.Main,
        Addresses = block.ActiveAddresses(),
        ExcludedFromPods = block.EmptySince is not null,
        CreatedAt = block.ClaimedAt,
    };
}
