namespace Cloudnet.Ipamd.Reconciliation;

/// <summary>What one reconcile round did.</summary>
/// <param name="Succeeded">False when a provider call or the round itself failed.</param>
/// <param name="Actions">Plan actions executed successfully.</param>
/// <param name="Error">The first failure, if any.</param>
public sealed record ReconcileOutcome(bool Succeeded, int Actions, Exception? Error = null);
