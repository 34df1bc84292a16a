using System.Runtime.InteropServices;
using Cloudnet.Dataplane.Namespaces;
using Cloudnet.Dataplane.Netlink;

namespace Cloudnet.Dataplane.Nftables;

/// <summary>
/// <see cref="INftables"/> through libnftables: the same parser and transaction as <c>nft -f</c>,
/// without starting a process. Each call creates a context — and with it its netlink socket —
/// inside the target namespace (through <see cref="NetworkNamespace.Run{T}(Func{T})"/>), so
/// the rules land there. Calls are serialised: libnftables keeps some process-wide state.
/// </summary>
public sealed class LibNftables : INftables
{
    private static readonly Lock Gate = new();
    private readonly NetworkNamespace? _namespace;

    /// <summary>Works on <paramref name="networkNamespace"/>, or on the process's own namespace when null.</summary>
    public LibNftables(NetworkNamespace? networkNamespace = null) => _namespace = networkNamespace;

    /// <inheritdoc />
    public void ApplyTable(NftTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = table.Qualified;
        // One batch, one transaction: "table X" makes the delete valid when X does not exist yet,
        // then X is deleted and recreated with the new body. A rejected body aborts all three.
        var batch = $"table {name}\ndelete table {name}\ntable {name} {{\n{table.Body}\n}}\n";
        var (ok, _, error) = Run(batch, json: false);
        if (!ok)
        {
            throw new NftablesException($"replace table {name} in {Where}", error);
        }
    }

    /// <inheritdoc />
    public DeleteOutcome DeleteTable(NftFamily family, string name)
    {
        var qualified = NftTable.Qualify(family, name);
        var (ok, _, error) = Run($"delete table {qualified}\n", json: false);
        if (ok)
        {
            return DeleteOutcome.Deleted;
        }

        return IsMissing(error) ? DeleteOutcome.AlreadyGone : throw new NftablesException($"delete table {qualified} in {Where}", error);
    }

    /// <inheritdoc />
    public string? ListTableJson(NftFamily family, string name)
    {
        var qualified = NftTable.Qualify(family, name);
        var (ok, output, error) = Run($"list table {qualified}\n", json: true);
        if (ok)
        {
            return output;
        }

        return IsMissing(error) ? null : throw new NftablesException($"list table {qualified} in {Where}", error);
    }

    /// <inheritdoc />
    public string Execute(string commands, bool json = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(commands);
        var (ok, output, error) = Run(commands, json);
        if (!ok)
        {
            var firstLine = commands.AsSpan().TrimStart();
            var end = firstLine.IndexOf('\n');
            throw new NftablesException($"nft '{(end < 0 ? firstLine : firstLine[..end]).ToString()}' in {Where}", error);
        }

        return output;
    }

    private string Where => _namespace?.ToString() ?? "the process's namespace";

    /// <summary>nft reports a missing table as ENOENT's text.</summary>
    private static bool IsMissing(string error) => error.Contains("No such file or directory", StringComparison.Ordinal);

    private (bool Ok, string Output, string Error) Run(string commands, bool json) =>
        _namespace is null ? RunHere(commands, json) : _namespace.Run(() => RunHere(commands, json));

    private static (bool Ok, string Output, string Error) RunHere(string commands, bool json)
    {
        lock (Gate)
        {
            nint context;
            try
            {
                context = LibNftablesNative.CtxNew(0);
            }
            catch (DllNotFoundException exception)
            {
                throw new NftablesException("libnftables.so.1 is not installed (Debian/Ubuntu package libnftables1, part of nftables)", exception);
            }

            if (context == 0)
            {
                throw new NftablesException("nft_ctx_new failed");
            }

            try
            {
                if (LibNftablesNative.BufferOutput(context) != 0 || LibNftablesNative.BufferError(context) != 0)
                {
                    throw new NftablesException("libnftables could not buffer its output");
                }

                if (json)
                {
                    LibNftablesNative.OutputSetFlags(context, LibNftablesNative.OutputJson);
                }

                var status = LibNftablesNative.RunCmdFromBuffer(context, commands);
                var output = Marshal.PtrToStringUTF8(LibNftablesNative.GetOutputBuffer(context)) ?? string.Empty;
                var error = Marshal.PtrToStringUTF8(LibNftablesNative.GetErrorBuffer(context)) ?? string.Empty;
                return (status == 0, output, error);
            }
            finally
            {
                LibNftablesNative.CtxFree(context);
            }
        }
    }
}
