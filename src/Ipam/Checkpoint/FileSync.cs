using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cloudnet.Ipam.Checkpoint;

/// <summary>
/// fsync and fdatasync of an open file. .NET's <c>RandomAccess.FlushToDisk</c> is always a full
/// fsync, which also commits the inode's mtime to the filesystem journal on every write; the
/// checkpoint journal overwrites preallocated blocks and only needs the data (fdatasync).
/// </summary>
internal static partial class FileSync
{
    /// <summary>Flushes the file's data (not its timestamps) to disk.</summary>
    /// <exception cref="IOException">fdatasync failed; the message names the file and errno.</exception>
    public static void DataSync(SafeFileHandle handle, string path) => Call(handle, path, data: true);

    /// <summary>Flushes the file's data and metadata to disk.</summary>
    /// <exception cref="IOException">fsync failed; the message names the file and errno.</exception>
    public static void Sync(SafeFileHandle handle, string path) => Call(handle, path, data: false);

    private static void Call(SafeFileHandle handle, string path, bool data)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(handle);
            return;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            if ((data ? FdatasyncNative(fd) : FsyncNative(fd)) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"{(data ? "fdatasync" : "fsync")} of '{path}' failed: {new Win32Exception(errno).Message} (errno {errno})");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdatasyncNative(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncNative(int fd);
}
