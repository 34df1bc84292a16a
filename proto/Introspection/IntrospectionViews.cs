namespace Cloudnet.Contract.Introspection;

// The daemon's introspection JSON (GET /v1/pool, /v1/allocations), shared by the daemon that
// serves it and cloudnetctl that reads it, so the two cannot drift apart.

/// <summary>GET /v1/pool: totals, per-interface usage, and the release delay as learned, with when a
/// held surplus will be given back.</summary>
public sealed record PoolView(
    string Provider,
    string? NodeId,
    bool Ready,
    bool CanServeAdd,
    string Reason,
    int Total,
    int Assigned,
    int Available,
    int Cooling,
    int PendingAdds,
    IReadOnlyList<PoolInterfaceView> Interfaces,
    double ReleaseDelaySeconds = 0,
    DateTimeOffset? ReleaseDueAt = null);

/// <summary>One interface in <see cref="PoolView"/>.</summary>
public sealed record PoolInterfaceView(
    string Id,
    string Kind,
    int DeviceIndex,
    bool IsPrimary,
    int Addresses,
    int Prefixes,
    int Assigned,
    int Cooling);

/// <summary>GET /v1/allocations: one element per attachment.</summary>
public sealed record AllocationView(
    string Network,
    string ContainerId,
    string IfName,
    string Address,
    string InterfaceId,
    string? PodNamespace,
    string? PodName,
    string? Netns,
    DateTimeOffset AllocatedAt);
