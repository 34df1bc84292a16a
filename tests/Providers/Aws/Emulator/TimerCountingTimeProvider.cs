using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it (every
/// <c>Task.Delay(…, timeProvider, …)</c> creates one), so a test can move the clock only once the
/// code under test is waiting on it: a clock moved before the delay is armed is spent for nothing.
/// </summary>
internal sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timers;

    /// <summary>Timers created so far.</summary>
    public int TimersCreated => Volatile.Read(ref _timers);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }
}
