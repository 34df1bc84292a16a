using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Cloudnet.Ipam.Checkpoint;

/// <summary>
/// fsync of a directory, so a rename inside it is durable (rename(2) alone only orders the
/// metadata in the page cache; ext4 and xfs need the directory fsync to survive power loss).
/// .NET cannot open a directory as a stream, hence the two libc calls.
/// </summary>
public static partial class DirectorySync
{
    private const int OReadOnly = 0;
    private const int OCloseOnExec = 0x80000; // same value on x86_64 and arm64

    /// <summary>Flushes <paramref name="directory"/>'s entries to disk.</summary>
    /// <exception cref="IOException">open or fsync failed; the message names the directory and errno.</exception>
    public static void Fsync(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the daemon and the CNI binary only run on Linux; tests elsewhere skip durability
        }

        var fd = Open(directory, OReadOnly | OCloseOnExec | ODirectory());
        if (fd < 0)
        {
            throw Failure("open", directory);
        }

        try
        {
            if (FsyncNative(fd) != 0)
            {
                throw Failure("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // O_DIRECTORY differs between architectures (asm-generic vs x86).
    private static int ODirectory() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x10000,
        _ => 0x4000,
    };

    private static IOException Failure(string call, string directory)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} of directory '{directory}' failed: {new Win32Exception(errno).Message} (errno {errno})");
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncNative(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
