using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Interop;

/// <summary>
/// The few libc calls the data plane needs, bound with source-generated marshalling so the
/// NativeAOT CNI binary links them without reflection.
/// </summary>
internal static partial class Libc
{
    private const string Library = "libc";

    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int NetlinkRoute = 0;

    public const int SolSocket = 1;
    public const int SoSndBuf = 7;
    public const int SoRcvBuf = 8;
    public const int SoRcvTimeo = 20;

    public const int SolNetlink = 270;
    public const int NetlinkCapAck = 10;
    public const int NetlinkExtAck = 11;
    public const int NetlinkGetStrictChk = 12;

    public const int MsgPeek = 0x2;
    public const int MsgTrunc = 0x20;

    public const int ORdonly = 0;
    public const int OCloexec = 0x80000;

    /// <summary>CLONE_NEWNET: setns must target a network namespace.</summary>
    public const int CloneNewNet = 0x40000000;

    public const int EIntr = 4;

    public const int AtEmptyPath = 0x1000;
    public const uint StatxIno = 0x100;

    /// <summary>struct statx is 256 bytes; stx_ino sits at offset 32 on every architecture.</summary>
    public const int StatxSize = 256;
    public const int StatxInoOffset = 32;

    /// <summary>NS_GET_NSTYPE = _IO(0xb7, 0x3): the CLONE_NEW* type of a namespace fd (Linux 4.11+).</summary>
    public const nuint NsGetNsType = 0xb703;

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(SafeFd fd, void* address, int addressLength);

    [LibraryImport(Library, EntryPoint = "getsockname", SetLastError = true)]
    public static unsafe partial int GetSockName(SafeFd fd, void* address, int* addressLength);

    [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(SafeFd fd, int level, int name, void* value, int valueLength);

    [LibraryImport(Library, EntryPoint = "send", SetLastError = true)]
    public static unsafe partial nint Send(SafeFd fd, byte* buffer, nint length, int flags);

    [LibraryImport(Library, EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Recv(SafeFd fd, byte* buffer, nint length, int flags);

    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(SafeFd fd, nuint request);

    [LibraryImport(Library, EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(SafeFd fd, int nsType);

    /// <summary>The errno of the last failed call on this thread.</summary>
    public static int LastErrno => Marshal.GetLastPInvokeError();
}
