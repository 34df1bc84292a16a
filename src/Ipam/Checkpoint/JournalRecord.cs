namespace Cloudnet.Ipam.Checkpoint;

/// <summary>
/// One durable change set in the checkpoint journal: the allocations and cooldowns that appeared
/// or changed (<see cref="Put"/>, <see cref="Cool"/>) and those that went away (<see cref="Drop"/>,
/// <see cref="Uncool"/>) since the previous record of the same <see cref="Epoch"/>.
/// </summary>
/// <param name="Epoch">The snapshot this record continues (its <see cref="CheckpointData.JournalEpoch"/>).</param>
/// <param name="Seq">1 for the first record after the snapshot, then consecutive.</param>
internal sealed record JournalRecord(
    string Epoch,
    long Seq,
    IReadOnlyList<CheckpointAllocation> Put,
    IReadOnlyList<JournalKey> Drop,
    IReadOnlyList<CheckpointCooling> Cool,
    IReadOnlyList<string> Uncool)
{
    /// <summary>True when the record changes nothing.</summary>
    public bool IsEmpty => Put.Count == 0 && Drop.Count == 0 && Cool.Count == 0 && Uncool.Count == 0;
}

/// <summary>An attachment key in the journal (network, container id, ifname).</summary>
internal sealed record JournalKey(string NetworkName, string ContainerId, string IfName)
{
    public static JournalKey Of(CheckpointAllocation allocation) => new(allocation.NetworkName, allocation.ContainerId, allocation.IfName);
}
