using Microsoft.Win32.SafeHandles;

namespace Cloudnet.Dataplane.Interop;

/// <summary>A Linux file descriptor (socket, namespace file) closed exactly once.</summary>
internal sealed class SafeFd : SafeHandleMinusOneIsInvalid
{
    public SafeFd()
        : base(ownsHandle: true)
    {
    }

    internal SafeFd(int fd)
        : base(ownsHandle: true)
    {
        SetHandle(fd);
    }

    /// <summary>The raw descriptor number; valid while the handle is alive.</summary>
    public int Fd => (int)DangerousGetHandle();

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
