using Cloudnet.Emulator.Control;

namespace Cloudnet.Bench.AwsPolicy;

/// <summary>One side's numbers: EC2 calls in warm-up and churn (by action) and how its pods started.</summary>
/// <param name="Name">cloudnet or aws-style.</param>
/// <param name="WarmUpCalls">EC2 calls from the emulator's start until the churn phase began.</param>
/// <param name="ChurnCalls">EC2 calls during the churn phase.</param>
/// <param name="Pods">Every pod start.</param>
/// <param name="Pool">One line on the pool at the end.</param>
public sealed record SideResult(string Name, CallsSnapshot WarmUpCalls, CallsSnapshot ChurnCalls, IReadOnlyList<PodStart> Pods, string Pool);
