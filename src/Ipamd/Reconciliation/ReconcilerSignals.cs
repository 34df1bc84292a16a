using Cloudnet.Ipamd.State;

namespace Cloudnet.Ipamd.Reconciliation;

/// <summary>What the reconciler shares with the ADD path: the wake-up signal, the waiting demand and the assign gate.</summary>
public sealed record ReconcilerSignals(PoolSignal Signal, PoolDemand Demand, AssignGate Gate);
