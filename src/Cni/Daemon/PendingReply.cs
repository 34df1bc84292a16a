namespace Cloudnet.Cni.Daemon;

/// <summary>
/// A daemon call whose request has been sent and whose reply is read later, so the caller can do
/// kernel work while the daemon does its own (its checkpoint write, the kernel's veth teardown).
/// Dispose closes the connection if the reply was never read.
/// </summary>
/// <typeparam name="T">The reply message.</typeparam>
/// <param name="receive">Reads the reply; throws (or faults with) the call's <see cref="Grpc.Core.RpcException"/>.</param>
/// <param name="close">Releases the connection; null when there is none.</param>
public sealed class PendingReply<T>(Func<Task<T>> receive, Action? close = null) : IDisposable
{
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
