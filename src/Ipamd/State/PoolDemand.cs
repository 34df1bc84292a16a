namespace Cloudnet.Ipamd.State;

/// <summary>ADDs waiting for an address right now; the planner treats them as demand.</summary>
public sealed class PoolDemand
{
    private int _pending;

    /// <summary>Number of waiting ADDs.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Counts one waiter until the returned scope is disposed.</summary>
    public Scope Wait()
    {
        Interlocked.Increment(ref _pending);
        return new Scope(this);
    }

    /// <summary>One waiting ADD.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly PoolDemand _owner;

        internal Scope(PoolDemand owner) => _owner = owner;

        /// <inheritdoc />
        public void Dispose() => Interlocked.Decrement(ref _owner._pending);
    }
}
