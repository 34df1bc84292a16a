using System.Runtime.ExceptionServices;
using Cloudnet.Dataplane.Interop;

namespace Cloudnet.Dataplane.Namespaces;

/// <summary>Running synchronous work inside the namespace on a dedicated, discarded thread.</summary>
public sealed partial class NetworkNamespace
{
    /// <summary>
    /// Runs <paramref name="work"/> on a new OS thread that has entered this namespace, waits for
    /// it and returns its result (or rethrows its exception). The thread exits afterwards, so no
    /// thread is ever left in the namespace. <paramref name="work"/> must be synchronous: it must
    /// not await, start tasks or queue thread-pool work (a thread pool grown from a thread inside
    /// a namespace could leave workers there).
    /// </summary>
    /// <exception cref="NetworkNamespaceException">setns failed.</exception>
    public T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ObjectDisposedException.ThrowIf(_fd.IsClosed, this);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var home = HomeHandle.Value;
        var thread = new Thread(() =>
        {
            try
            {
                Enter();
                result = work();
            }
#pragma warning disable CA1031 // Everything is rethrown on the calling thread.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                // Hygiene only: the thread exits next, so a failed switch back cannot leak.
                // Switching back means no exiting thread lingers in the namespace (and keeps it alive).
                _ = Libc.SetNs(home, Libc.CloneNewNet);
            }
        })
        {
            IsBackground = true,
            Name = "cloudnet netns",
        };
        thread.UnsafeStart();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> inside the namespace; see <see cref="Run{T}(Func{T})"/>.</summary>
    public void Run(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Run(() =>
        {
            work();
            return true;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the namespace without blocking the caller. The task
    /// completes from a thread in the caller's namespace — never from the namespaced thread — so
    /// continuations cannot run, and the thread pool cannot grow, inside the namespace.
    /// </summary>
    /// <param name="work">Synchronous work, as for <see cref="Run{T}(Func{T})"/>.</param>
    /// <param name="cancellationToken">Cancels before the work starts; running work is not interrupted.</param>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        // The long-running thread is created by (and stays in) the caller's namespace; it joins
        // the namespaced thread and completes the task, so completion never happens in there.
        return Task.Factory.StartNew(
            () => Run(work),
            cancellationToken,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);
    }

    /// <summary>The process's own namespace, which dedicated threads return to before they exit.</summary>
    private static readonly Lazy<SafeFd> HomeHandle = new(() =>
    {
        var raw = Libc.Open(CurrentPath, Libc.ORdonly | Libc.OCloexec);
        return raw >= 0 ? new SafeFd(raw) : throw new NetworkNamespaceException("open network namespace", CurrentPath, Libc.LastErrno);
    });

    private void Enter()
    {
        // The marshaller holds a reference on the handle for the duration of the call.
        if (Libc.SetNs(_fd, Libc.CloneNewNet) != 0)
        {
            throw new NetworkNamespaceException("setns", Path, Libc.LastErrno);
        }
    }
}
