using Cloudnet.Cni.Daemon;
using Cloudnet.Cni.Network;
using Cloudnet.Cni.Protocol;
using Cloudnet.Contract.V1;
using Grpc.Core;

namespace Cloudnet.Cni.Commands;

/// <summary>
/// CHECK: the daemon must still hold the allocation prevResult names, and the kernel must still
/// have the interface, address, gateway neighbour, routes and rules ADD made (spec section 2).
/// </summary>
internal static class CheckCommand
{
    public static async Task<CniOutcome> RunAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var prev = ctx.Config.PrevResult
            ?? throw new CniException(CniErrorCode.InvalidConfiguration, $"{ctx.Subject}: prevResult is required for CHECK");
        var ours = prev.IPs.FirstOrDefault(ip => ip.Interface is { } i && prev.Interfaces[i].Name == ctx.Env.IfName
            && prev.Interfaces[i].Sandbox is not null)
            ?? throw new CniException(CniErrorCode.InvalidConfiguration,
                $"{ctx.Subject}: prevResult has no address on sandbox interface {ctx.Env.IfName}");

        var netns = ctx.Env.Netns!;
        if (await ctx.Deps.Network.ProbeAsync(netns, ctx.Env.IfName, cancellationToken).ConfigureAwait(false) == NetnsProbe.NetnsMissing)
        {
            throw new CniException(CniErrorCode.UnknownContainer, $"{ctx.Subject}: CNI_NETNS {netns} does not exist");
        }

        CheckReply reply;
        try
        {
            using var daemon = ctx.Deps.ConnectDaemon(ctx.Config);
            reply = await daemon.CheckAsync(new CheckRequest { ClientVersion = CommandContext.ClientVersion, Key = ctx.Key }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw DaemonErrors.ToCni(ctx.Subject, ctx.Config.SocketPath, ex);
        }

        if (reply.Address != ours.Address.ToString())
        {
            throw new CniException(CniErrorCode.CheckFailed,
                $"{ctx.Subject}: daemon holds {reply.Address} for the attachment but prevResult has {ours.Address}");
        }

        var mtu = prev.Interfaces[ours.Interface!.Value].Mtu ?? 0;
        var wiring = new PodWiring(netns, ctx.Env.IfName,
            HostVethName.For(ctx.Config.VethPrefix, ctx.Config.NetworkName, ctx.Env.ContainerId, ctx.Env.IfName),
            ours.Address, ours.PrefixLength, mtu, reply.RouteTable);
        IReadOnlyList<string> problems;
        try
        {
            problems = await ctx.Deps.Network.VerifyAsync(wiring, cancellationToken).ConfigureAwait(false);
        }
        catch (PodNetworkException ex)
        {
            throw new CniException(CniErrorCode.IOFailure, $"{ctx.Subject}: cannot inspect the attachment: {ex.Message}", null, ex);
        }

        if (problems.Count > 0)
        {
            throw new CniException(CniErrorCode.CheckFailed,
                $"{ctx.Subject}: {problems[0]}", string.Join("; ", problems));
        }

        return CniOutcome.Silent;
    }
}
