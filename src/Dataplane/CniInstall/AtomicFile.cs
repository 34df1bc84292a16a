using Cloudnet.Ipam.Checkpoint;

namespace Cloudnet.Dataplane.CniInstall;

/// <summary>
/// Replaces a file as one step: a temporary file in the same directory (so the rename stays on
/// one filesystem), written and fsynced with its final mode, renamed over the target, then the
/// directory fsynced. Readers see the old file or the new one, never a partial one: the runtime
/// may exec /opt/cni/bin/cloudnet or read the conflist at any moment, and a running binary
/// cannot be opened for writing (ETXTBSY) while a rename over it is fine. Used by `cloudnetctl
/// install-cni` and by the daemon when it installs the conflist once it is ready.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="target"/> with <paramref name="mode"/>
    /// unless it already has both; returns whether anything was written. On failure the temporary
    /// file is removed and the target is untouched.
    /// </summary>
    /// <exception cref="IOException">Writing or renaming failed; the target is as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static bool Replace(string target, byte[] content, UnixFileMode mode)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(content);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("CNI files are installed for a Linux container runtime");
        }

        if (IsSame(target, content, mode))
        {
            return false;
        }

        var directory = Path.GetDirectoryName(target)!;
        // A dot name that ends in neither .conf, .conflist nor .json: the runtime's config loader
        // ignores it even while it exists, and so does anything scanning the plugin directory.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.SetUnixFileMode(temporary, mode); // the creation mode is masked by the umask
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        DirectorySync.Fsync(directory);
        return true;
    }

    private static bool IsSame(string target, byte[] content, UnixFileMode mode)
    {
        var info = new FileInfo(target);
        if (!info.Exists || info.Length != content.Length || info.UnixFileMode != mode)
        {
            return false;
        }

        return File.ReadAllBytes(target).AsSpan().SequenceEqual(content);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
