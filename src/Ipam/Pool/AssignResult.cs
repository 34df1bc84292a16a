using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipam.Pool;

/// <summary>Outcome of an assignment; <see cref="Allocation"/> is null only for <see cref="AssignStatus.PoolEmpty"/>.</summary>
public readonly record struct AssignResult(AssignStatus Status, Allocation? Allocation);
