using Cloudnet.Emulator.Control;

namespace Cloudnet.Bench.Fleet;

/// <summary>What one side's fleet start produced.</summary>
/// <param name="Name">"cloudnet" or "aws-style".</param>
/// <param name="Nodes">Every node's outcome.</param>
/// <param name="Calls">EC2 calls the emulator counted for this side, per action.</param>
/// <param name="PerSecond">The emulator's per-second call counts for this side.</param>
/// <param name="Notes">Side-specific counters worth printing (restarts, retry-quota refusals, …).</param>
public sealed record FleetSideResult(string Name, IReadOnlyList<NodeOutcome> Nodes, CallsSnapshot Calls, IReadOnlyList<CallSecond> PerSecond, string Notes);
