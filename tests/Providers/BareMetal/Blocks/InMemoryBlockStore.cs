using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;

namespace Cloudnet.Providers.BareMetal.Tests.Blocks;

/// <summary>A shared in-memory claim table with create-if-absent semantics, for tests of the provider logic.</summary>
internal sealed class InMemoryBlockStore(BlockPool pool) : IBlockStore
{
    private readonly Dictionary<Cidr, string> _claims = [];

    public int ReleaseCalls { get; private set; }

    public Task<IEnumerable<Cidr>> CandidatesAsync(string node, CancellationToken cancellationToken) =>
        Task.FromResult(pool.Candidates(node));

    public Task<IReadOnlyList<BlockClaim>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            return Task.FromResult<IReadOnlyList<BlockClaim>>([.. _claims.Select(c => new BlockClaim(c.Key, c.Value))]);
        }
    }

    public Task<bool> TryClaimAsync(Cidr block, string node, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            return Task.FromResult(_claims.TryAdd(block, node) || _claims[block] == node);
        }
    }

    public Task ReleaseAsync(Cidr block, string node, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            ReleaseCalls++;
            if (_claims.TryGetValue(block, out var owner) && owner == node)
            {
                _claims.Remove(block);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Records a claim directly (another node, set up by the test).</summary>
    public void Put(Cidr block, string node)
    {
        lock (_claims)
        {
            _claims[block] = node;
        }
    }
}
