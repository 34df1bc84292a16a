namespace Cloudnet.Ctl.Introspection;

/// <summary>One element of the daemon's GET /v1/allocations.</summary>
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
