namespace Cloudnet.Ipam.Checkpoint;

/// <summary>
/// The checkpoint as keyed sets, so that two states can be compared (the journal record that
/// turns one into the other) and a record applied. Pure; the journal and the store do the I/O.
/// </summary>
internal sealed class CheckpointState
{
    private readonly Dictionary<JournalKey, CheckpointAllocation> _allocations = [];
    private readonly Dictionary<string, CheckpointCooling> _cooling = new(StringComparer.Ordinal);

    private CheckpointState(string? epoch) => Epoch = epoch;

    /// <summary>The journal epoch the state belongs to.</summary>
    public string? Epoch { get; }

    /// <summary>The sequence number of the last record applied (0: the snapshot itself).</summary>
    public long Seq { get; private set; }

    /// <summary>Indexes a snapshot.</summary>
    /// <exception cref="CheckpointException">Two allocations share a key.</exception>
    public static CheckpointState From(CheckpointData snapshot, string? epoch)
    {
        var state = new CheckpointState(epoch);
        foreach (var a in snapshot.Allocations)
        {
            if (!state._allocations.TryAdd(JournalKey.Of(a), a))
            {
                throw new CheckpointException($"checkpoint: allocation {a.NetworkName}/{a.ContainerId}/{a.IfName} appears twice");
            }
        }

        foreach (var c in snapshot.Cooling)
        {
            state._cooling[c.Address] = c;
        }

        return state;
    }

    /// <summary>The record that turns this state into <paramref name="next"/>; <see cref="JournalRecord.IsEmpty"/> when equal.</summary>
    public JournalRecord Diff(CheckpointData next)
    {
        var put = new List<CheckpointAllocation>();
        var seen = new HashSet<JournalKey>();
        foreach (var a in next.Allocations)
        {
            var key = JournalKey.Of(a);
            seen.Add(key);
            if (!_allocations.TryGetValue(key, out var old) || old != a)
            {
                put.Add(a);
            }
        }

        var drop = _allocations.Keys.Where(k => !seen.Contains(k)).ToList();

        var cool = new List<CheckpointCooling>();
        var cooling = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in next.Cooling)
        {
            cooling.Add(c.Address);
            if (!_cooling.TryGetValue(c.Address, out var old) || old != c)
            {
                cool.Add(c);
            }
        }

        var uncool = _cooling.Keys.Where(a => !cooling.Contains(a)).ToList();
        return new JournalRecord(Epoch ?? "", Seq + 1, put, drop, cool, uncool);
    }

    /// <summary>Applies the next record of this epoch.</summary>
    public void Apply(JournalRecord record)
    {
        foreach (var key in record.Drop)
        {
            _allocations.Remove(key);
        }

        foreach (var a in record.Put)
        {
            _allocations[JournalKey.Of(a)] = a;
        }

        foreach (var address in record.Uncool)
        {
            _cooling.Remove(address);
        }

        foreach (var c in record.Cool)
        {
            _cooling[c.Address] = c;
        }

        Seq = record.Seq;
    }

    /// <summary>The state as checkpoint data (allocation order is not meaningful).</summary>
    public CheckpointData ToData() => new()
    {
        Allocations = [.. _allocations.Values],
        Cooling = [.. _cooling.Values],
        JournalEpoch = Epoch,
    };
}
