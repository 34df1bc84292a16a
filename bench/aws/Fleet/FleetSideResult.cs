using Cloudnet.Emulator.Control;

namespace Cloudnet.Bench.Fleet;

/// <summary>What one side's fleet start produced.</summary>
/// <param name="Name">"cloudnet" or "aws-style".</param>
/// <param name="Nodes">Every node's outcome.</param>
/// <param name="Calls">EC2 calls the emulator counted for this side, per action.</param>
/// <param name="Peak">The most calls (and throttled calls) the emulator received in any one second during this side's run.</param>
/// <param name="Notes">Side-specific counters worth printing (restarts, retry-quota refusals, …).</param>
public sealed record FleetSideResult(string Name, IReadOnlyList<NodeOutcome> Nodes, CallsSnapshot Calls, CallPeak Peak, string Notes);
