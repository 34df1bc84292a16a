namespace Cloudnet.Cni.Daemon;

/// <summary>
/// A daemon call whose request has been sent and whose reply is read later, so the caller can do
/// kernel work while the daemon does its own (its checkpoint write, the kernel's veth teardown).
/// Dispose closes the connection if the reply was never read.
/// </summary>
/// <typeparam name="T">The reply message.</typeparam>
/// <param name="receive">Reads the reply; throws (or faults with) the call's <see cref="Grpc.Core.RpcException"/>.</param>
/// <param name="close">Releases the connection; null when there is none.</param>
/// <param name="failed">True when the call already failed (e.g. no connection): receiving throws.</param>
public sealed class PendingReply<T>(Func<Task<T>> receive, Action? close = null, bool failed = false) : IDisposable
{
    /// <summary>True when the call is known to have failed already; <see cref="ReceiveAsync"/> throws the reason.</summary>
    public bool HasFailed { get; } = failed;

    private Func<Task<T>>? _receive = receive ?? throw new ArgumentNullException(nameof(receive));

    /// <summary>Waits for and returns the reply. Call at most once.</summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public Task<T> ReceiveAsync()
    {
        var receive = Interlocked.Exchange(ref _receive, null)
            ?? throw new InvalidOperationException("the reply of this call was already received");
        return receive();
    }

    /// <inheritdoc />
    public void Dispose() => close?.Invoke();
}
