using Cloudnet.Cni.Daemon;
using Cloudnet.Cni.Logging;
using Cloudnet.Cni.Network;
using Cloudnet.Cni.Protocol;
using Cloudnet.Contract.V1;
using Grpc.Core;

namespace Cloudnet.Cni.Commands;

/// <summary>
/// GC (spec 1.1.0): the daemon releases every allocation of the network not in
/// <c>cni.dev/valid-attachments</c>; then host veths and pod rules of attachments that are no
/// longer valid are removed. Errors do not stop the cleanup; they are reported at the end.
/// </summary>
internal static class GcCommand
{
    public static async Task<CniOutcome> RunAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var subject = $"GC network {ctx.Config.NetworkName}";
        var valid = ctx.Config.ValidAttachments
            ?? throw new CniException(CniErrorCode.InvalidConfiguration, $"{subject}: cni.dev/valid-attachments is missing");
        var request = new GcRequest { ClientVersion = CommandContext.ClientVersion, NetworkName = ctx.Config.NetworkName };
        request.Valid.AddRange(valid.Select(v => new AttachmentKey { NetworkName = ctx.Config.NetworkName, ContainerId = v.ContainerId, IfName = v.IfName }));

        CniException? daemonError = null;
        var releasedCount = 0;
        try
        {
            using var daemon = ctx.Deps.ConnectDaemon(ctx.Config);
            releasedCount = (await daemon.GcAsync(request, cancellationToken).ConfigureAwait(false)).Released.Count;
        }
        catch (RpcException ex)
        {
            daemonError = DaemonErrors.ToCni(subject, ctx.Config.SocketPath, ex);
        }

        var keep = valid.Select(v => HostVethName.For(ctx.Config.VethPrefix, ctx.Config.NetworkName, v.ContainerId, v.IfName))
            .ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> removed = [];
        try
        {
            removed = await ctx.Deps.Network.CollectGarbageAsync(ctx.Config.VethPrefix, keep, cancellationToken).ConfigureAwait(false);
        }
        catch (PodNetworkException ex)
        {
            CniLog.CollectFailed(ctx.Logger, ex);
            daemonError ??= new CniException(CniErrorCode.IOFailure, $"{subject}: host cleanup failed: {ex.Message}", null, ex);
        }

        CniLog.Collected(ctx.Logger, releasedCount, string.Join(",", removed));
        return daemonError is null ? CniOutcome.Silent : throw daemonError;
    }
}
