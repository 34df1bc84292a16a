using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Blocks;

/// <summary>
/// A block this node holds, and which of its addresses are "assigned to the interface" in the
/// planner's sense. Mapping: claiming a block is CreateInterface and makes all its addresses
/// active; ReleaseAddresses deactivates free addresses (they stay in the block, unused by pods);
/// AssignAddresses activates them again. Not thread-safe: the provider serialises access.
/// </summary>
internal sealed class OwnedBlock
{
    private readonly bool[] _active;

    public OwnedBlock(Cidr block, DateTimeOffset claimedAt)
    {
        Block = block;
        Name = BlockNames.Of(block);
        All = BlockPool.Addresses(block);
        _active = [.. Enumerable.Repeat(true, All.Length)];
        ClaimedAt = claimedAt;
    }

    public Cidr Block { get; }

    public string Name { get; }

    public ImmutableArray<IPAddress> All { get; }

    public DateTimeOffset ClaimedAt { get; }

    /// <summary>When the planner first asked to delete the block; null while it is wanted.</summary>
    public DateTimeOffset? EmptySince { get; set; }

    public ImmutableArray<IPAddress> ActiveAddresses() => [.. All.Where((_, i) => _active[i])];

    /// <summary>Activates up to <paramref name="count"/> inactive addresses, lowest first.</summary>
    public IReadOnlyList<IPAddress> Activate(int count)
    {
        var activated = new List<IPAddress>();
        for (var i = 0; i < _active.Length && activated.Count < count; i++)
        {
            if (!_active[i])
            {
                _active[i] = true;
                activated.Add(All[i]);
            }
        }

        return activated;
    }

    /// <summary>Deactivates the given addresses; addresses outside the block are ignored.</summary>
    public void Deactivate(IEnumerable<IPAddress> addresses)
    {
        foreach (var address in addresses)
        {
            if (Block.Contains(address))
            {
                _active[(int)Block.OffsetOf(address)] = false;
            }
        }
    }
}
