namespace Cloudnet.Ipamd.State;

/// <summary>
/// "The pool may have addresses now": waiting ADDs take <see cref="Next"/> before they look at
/// the pool, so a pulse between their look and their wait is never lost.
/// </summary>
public sealed class PoolSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every waiter.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
