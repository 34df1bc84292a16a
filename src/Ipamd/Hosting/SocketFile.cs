namespace Cloudnet.Ipamd.Hosting;

/// <summary>The gRPC socket file: created root-only, replaced when stale, removed on stop.</summary>
internal static class SocketFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Creates the socket's directory (0700) if missing and removes a stale socket file.
    /// Safe because the caller holds the state-directory lock: no live daemon owns the file.</summary>
    public static void Prepare(string path, Action onStale)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        if (File.Exists(path) || Directory.Exists(path))
        {
            if (Directory.Exists(path))
            {
                throw new DaemonStartException($"socket path {path} is a directory");
            }

            File.Delete(path);
            onStale();
        }
    }

    /// <summary>Only root may connect: mode 0600.</summary>
    public static void Restrict(string path) => File.SetUnixFileMode(path, OwnerOnly);

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Gone already or not ours to remove; the next daemon replaces it anyway.
        }
    }
}
