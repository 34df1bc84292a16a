using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Nftables;

/// <summary>
/// libnftables (package libnftables1, shipped with nftables): the library behind the nft
/// command, bound lazily, so binaries that never touch nftables (the CNI) do not need it.
/// </summary>
internal static partial class LibNftablesNative
{
    private const string Library = "libnftables.so.1";

    /// <summary>NFT_CTX_OUTPUT_JSON.</summary>
    public const uint OutputJson = 1 << 4;

    [LibraryImport(Library, EntryPoint = "nft_ctx_new")]
    public static partial nint CtxNew(uint flags);

    [LibraryImport(Library, EntryPoint = "nft_ctx_free")]
    public static partial void CtxFree(nint context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_output")]
    public static partial int BufferOutput(nint context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_buffer_error")]
    public static partial int BufferError(nint context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_output_buffer")]
    public static partial nint GetOutputBuffer(nint context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_get_error_buffer")]
    public static partial nint GetErrorBuffer(nint context);

    [LibraryImport(Library, EntryPoint = "nft_ctx_output_set_flags")]
    public static partial void OutputSetFlags(nint context, uint flags);

    [LibraryImport(Library, EntryPoint = "nft_run_cmd_from_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RunCmdFromBuffer(nint context, string buffer);
}
