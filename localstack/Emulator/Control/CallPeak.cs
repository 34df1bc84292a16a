namespace Cloudnet.Emulator.Control;

/// <summary>The peak request rate: the most calls, and the most throttled calls, in any one-second window.</summary>
/// <param name="Calls">Most EC2 calls in one second.</param>
/// <param name="Throttled">Most calls answered RequestLimitExceeded in one second (possibly another window).</param>
public sealed record CallPeak(long Calls, long Throttled);
