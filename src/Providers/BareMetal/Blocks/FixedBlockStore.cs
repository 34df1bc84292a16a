using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Blocks;

/// <summary>
/// Blocks fixed by configuration (local mode) or by <c>Node.spec.podCIDRs</c>: they belong to this
/// node and nobody else can claim them. All start claimed, so after a restart every block that may
/// hold allocations is described again; empty ones are then given back by the grace-period rule and
/// claimed again on demand (in memory: nothing needs recording, the blocks are ours by configuration).
/// </summary>
public sealed class FixedBlockStore : IBlockStore
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<Cidr>>> _load;
    private readonly string _node;
    private readonly Lock _lock = new();
    private IReadOnlyList<Cidr>? _blocks;
    private HashSet<Cidr>? _claimed;

    /// <summary>Creates a store over blocks known up front.</summary>
    public FixedBlockStore(string node, IReadOnlyList<Cidr> blocks)
        : this(node, _ => Task.FromResult(blocks))
    {
    }

    /// <summary>Creates a store whose blocks are loaded on first use (podCIDRs from the API).</summary>
    public FixedBlockStore(string node, Func<CancellationToken, Task<IReadOnlyList<Cidr>>> load)
    {
        _node = node;
        _load = load;
    }

    /// <inheritdoc />
    public async Task<IEnumerable<Cidr>> CandidatesAsync(string node, CancellationToken cancellationToken) =>
        node == _node ? await BlocksAsync(cancellationToken).ConfigureAwait(false) : [];

    /// <inheritdoc />
    public async Task<IReadOnlyList<BlockClaim>> ListAsync(CancellationToken cancellationToken)
    {
        var blocks = await BlocksAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            return [.. blocks.Where(_claimed!.Contains).Select(b => new BlockClaim(b, _node))];
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(Cidr block, string node, CancellationToken cancellationToken)
    {
        var blocks = await BlocksAsync(cancellationToken).ConfigureAwait(false);
        if (node != _node || !blocks.Contains(block))
        {
            return false;
        }

        lock (_lock)
        {
            _claimed!.Add(block);
            return true;
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(Cidr block, string node, CancellationToken cancellationToken)
    {
        await BlocksAsync(cancellationToken).ConfigureAwait(false);
        if (node == _node)
        {
            lock (_lock)
            {
                _claimed!.Remove(block);
            }
        }
    }

    private async Task<IReadOnlyList<Cidr>> BlocksAsync(CancellationToken cancellationToken)
    {
        if (_blocks is { } known)
        {
            return known;
        }

        var loaded = await _load(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (_blocks is null)
            {
                _claimed = [.. loaded];
                _blocks = loaded;
            }

            return _blocks;
        }
    }
}
