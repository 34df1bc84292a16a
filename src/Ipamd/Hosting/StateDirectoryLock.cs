namespace Cloudnet.Ipamd.Hosting;

/// <summary>
/// An exclusive lock on &lt;state dir&gt;/ipamd.lock (flock through FileShare.None), held for the
/// daemon's life: a second daemon on the same state directory would hand out the same addresses.
/// The kernel drops the lock when the process dies, so a crash never leaves it stuck.
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private StateDirectoryLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, creating the state directory (mode 0700) if needed.</summary>
    /// <exception cref="DaemonStartException">Another process holds it.</exception>
    public static StateDirectoryLock Acquire(string stateDir, string lockPath)
    {
        if (!Directory.Exists(stateDir))
        {
            Directory.CreateDirectory(stateDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            stream.Flush();
            return new StateDirectoryLock(stream);
        }
        catch (IOException ex)
        {
            throw new DaemonStartException(
                $"another cloudnet-ipamd holds {lockPath}: only one daemon may use state directory {stateDir}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
