namespace Cloudnet.Ipam.Checkpoint;

/// <summary>
/// The persistent state of the datastore, format <c>cloudnet-ipam/1</c>. Addresses are text so
/// the file is readable by people and by <c>cloudnetctl checkpoint</c>.
/// </summary>
public sealed record CheckpointData
{
    /// <summary>The format this build writes and reads.</summary>
    public const string CurrentVersion = "cloudnet-ipam/1";

    /// <summary>Format version; a file with another value is refused, never rewritten.</summary>
    public string Version { get; init; } = CurrentVersion;

    /// <summary>Attachments and their addresses.</summary>
    public IReadOnlyList<CheckpointAllocation> Allocations { get; init; } = [];

    /// <summary>Released addresses still cooling down, with their expiry.</summary>
    public IReadOnlyList<CheckpointCooling> Cooling { get; init; } = [];

    /// <summary>
    /// Which records of the journal next to the file (<c>ipam.journal</c>) continue this snapshot;
    /// null when no journal belongs to it. Written by <see cref="JournaledCheckpointStore"/>.
    /// </summary>
    public string? JournalEpoch { get; init; }
}

/// <summary>One allocation in the checkpoint.</summary>
public sealed record CheckpointAllocation(
    string NetworkName,
    string ContainerId,
    string IfName,
    string Address,
    string InterfaceId,
    DateTimeOffset AllocatedAt,
    string? PodNamespace = null,
    string? PodName = null,
    string? PodUid = null,
    string? Netns = null);

/// <summary>One cooling address in the checkpoint.</summary>
public sealed record CheckpointCooling(string Address, string InterfaceId, DateTimeOffset Until);
