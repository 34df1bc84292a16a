using System.Runtime.InteropServices;

namespace Cloudnet.Cni;

/// <summary>
/// stdin/stdout/stderr as plain file descriptors. Not System.Console (it starts a terminal/signal
/// thread on first use) and not FileStream (on a regular file it writes at its own cached offset
/// with pwrite, clobbering what the runtime's redirect already holds): read(2) and write(2) only.
/// </summary>
internal static partial class StandardStreams
{
    /// <summary>A stream over descriptor <paramref name="fd"/>; the descriptor stays open when it is disposed.</summary>
    public static Stream Open(int fd, FileAccess access) => new DescriptorStream(fd, access);

    /// <summary>True when <paramref name="fd"/> is a terminal (stdin typed by a person: nothing to read).</summary>
    public static bool IsTerminal(int fd) => IsATty(fd) == 1;

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

    private sealed class DescriptorStream(int fd, FileAccess access) : Stream
    {
        private const int EINTR = 4;

        public override bool CanRead => access.HasFlag(FileAccess.Read);

        public override bool CanSeek => false;

        public override bool CanWrite => access.HasFlag(FileAccess.Write);

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override unsafe int Read(Span<byte> buffer)
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    var n = StandardStreams.Read(fd, p, buffer.Length);
                    if (n >= 0)
                    {
                        return (int)n;
                    }

                    if (Marshal.GetLastPInvokeError() != EINTR)
                    {
                        throw new IOException($"read fd {fd}: errno {Marshal.GetLastPInvokeError()}");
                    }
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override unsafe void Write(ReadOnlySpan<byte> buffer)
        {
            fixed (byte* start = buffer)
            {
                var p = start;
                var left = (nint)buffer.Length;
                while (left > 0)
                {
                    var n = StandardStreams.Write(fd, p, left);
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == EINTR)
                        {
                            continue;
                        }

                        throw new IOException($"write fd {fd}: errno {Marshal.GetLastPInvokeError()}");
                    }

                    p += n;
                    left -= n;
                }
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
