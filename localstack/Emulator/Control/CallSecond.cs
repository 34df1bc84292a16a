namespace Cloudnet.Emulator.Control;

/// <summary>EC2 calls received in one second.</summary>
/// <param name="Start">The second's start (UTC).</param>
/// <param name="Calls">Every EC2 call counted in it.</param>
/// <param name="Throttled">Of those, calls answered RequestLimitExceeded.</param>
public sealed record CallSecond(DateTimeOffset Start, long Calls, long Throttled);
