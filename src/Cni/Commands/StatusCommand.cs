using Cloudnet.Cni.Protocol;
using Cloudnet.Contract.V1;
using Grpc.Core;

namespace Cloudnet.Cni.Commands;

/// <summary>STATUS (spec 1.1.0): success when the daemon says an ADD can be served now, else code 50.</summary>
internal static class StatusCommand
{
    public static async Task<CniOutcome> RunAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var subject = $"STATUS network {ctx.Config.NetworkName}";
        StatusReply reply;
        try
        {
            using var daemon = ctx.Deps.ConnectDaemon(ctx.Config);
            reply = await daemon.StatusAsync(new StatusRequest { ClientVersion = CommandContext.ClientVersion }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw new CniException(CniErrorCode.NotAvailable,
                $"{subject}: daemon unreachable at {ctx.Config.SocketPath}: {ex.Status.Detail}",
                $"gRPC status {ex.StatusCode}", ex);
        }

        if (reply.Ready && reply.CanServeAdd)
        {
            return CniOutcome.Silent;
        }

        var why = reply.Ready ? "cannot serve an ADD now" : "daemon is not ready";
        throw new CniException(CniErrorCode.NotAvailable,
            $"{subject}: {why}{(string.IsNullOrEmpty(reply.Reason) ? string.Empty : ": " + reply.Reason)}",
            $"total={reply.Total} assigned={reply.Assigned} available={reply.Available} cooling={reply.Cooling}");
    }
}
