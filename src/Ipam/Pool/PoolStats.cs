namespace Cloudnet.Ipam.Pool;

/// <summary>Address counts of the pool. <c>Total == Assigned + Available + Cooling</c> always.</summary>
/// <param name="Total">Addresses the node holds for pods.</param>
/// <param name="Assigned">Addresses held by attachments.</param>
/// <param name="Available">Addresses that can be handed out now.</param>
/// <param name="Cooling">Released addresses still inside their cooldown; not available.</param>
public readonly record struct PoolStats(int Total, int Assigned, int Available, int Cooling);
