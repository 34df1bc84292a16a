using System.Net;
using Cloudnet.Cni.Daemon;
using Cloudnet.Cni.Logging;
using Cloudnet.Cni.Network;
using Cloudnet.Cni.Protocol;
using Cloudnet.Contract.V1;
using Cloudnet.Ipam.Spool;
using Grpc.Core;

namespace Cloudnet.Cni.Commands;

/// <summary>
/// DEL: tear down the host side and release the address. Best effort and idempotent (spec
/// section 2): a missing netns, link or allocation is success. The pod's rules go first, before
/// the daemon hears of the release, so they can never hit another pod that gets the address. The
/// release is then sent, and the host veth removed while the daemon works: deleting a veth waits
/// for an RCU grace period in the kernel (tens of ms), and the daemon's checkpoint write overlaps
/// it instead of following it. The address cannot move meanwhile: a released address cools down
/// before reuse (IP_COOLDOWN_PERIOD). When the daemon cannot be reached the release is spooled for
/// it to drain at start.
/// </summary>
internal static class DelCommand
{
    public static async Task<CniOutcome> RunAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var network = ctx.Deps.Network;
        var hostVeths = HostVeths(ctx);
        var addresses = new HashSet<IPAddress>(PrevAddresses(ctx));
        try
        {
            // Without prevResult the host routes name the pod's addresses (one route dump); with it, no dump is needed.
            if (addresses.Count == 0)
            {
                foreach (var veth in hostVeths)
                {
                    addresses.UnionWith(await network.FindPodAddressesAsync(veth, cancellationToken).ConfigureAwait(false));
                }
            }

            await network.RemoveRulesAsync([.. addresses], cancellationToken).ConfigureAwait(false);
        }
        catch (PodNetworkException ex)
        {
            // Not released: the runtime retries DEL, and the address must not move while its rules remain.
            throw TeardownFailed(ctx, ex);
        }

        using var daemon = ctx.Deps.ConnectDaemon(ctx.Config);
        using var release = daemon.StartDel(new DelRequest { ClientVersion = CommandContext.ClientVersion, Key = ctx.Key }, cancellationToken);
        PodNetworkException? teardown = null;
        try
        {
            foreach (var veth in hostVeths)
            {
                await network.DetachAsync(veth, [], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PodNetworkException ex)
        {
            // Reported after the reply is read: the release is under way and must be finished (or spooled).
            teardown = ex;
        }

        var released = await FinishReleaseAsync(ctx, release, cancellationToken).ConfigureAwait(false);
        if (teardown is not null)
        {
            throw TeardownFailed(ctx, teardown);
        }

        CniLog.TornDown(ctx.Logger, hostVeths[0], string.Join(",", addresses));
        if (released is not null && IPAddress.TryParse(released, out var ip) && addresses.Add(ip))
        {
            // The daemon knew an address neither prevResult nor the routes named: remove its rules too.
            await DetachRulesAsync(ctx, hostVeths[0], ip, cancellationToken).ConfigureAwait(false);
        }

        return CniOutcome.Silent;
    }

    private static CniException TeardownFailed(CommandContext ctx, PodNetworkException ex) =>
        new(CniErrorCode.IOFailure, $"{ctx.Subject}: failed to remove the host side: {ex.Message}", ex.InnerException?.Message, ex);

    /// <summary>The computed host veth, plus the one prevResult names if the prefix changed since ADD.</summary>
    private static List<string> HostVeths(CommandContext ctx)
    {
        var computed = HostVethName.For(ctx.Config.VethPrefix, ctx.Config.NetworkName, ctx.Env.ContainerId, ctx.Env.IfName);
        var list = new List<string> { computed };
        if (ctx.Config.PrevResult is { } prev)
        {
            var hostSide = prev.Interfaces.Count >= 2
                ? prev.Interfaces.Zip(prev.Interfaces.Skip(1))
                    .Where(p => p.First.Sandbox is null && p.Second.Sandbox is not null && p.Second.Name == ctx.Env.IfName)
                    .Select(p => p.First.Name)
                    .FirstOrDefault()
                : null;
            if (hostSide is not null && hostSide != computed && CniEnvironment.IsValidIfName(hostSide))
            {
                list.Add(hostSide);
            }
        }

        return list;
    }

    /// <summary>Addresses prevResult assigned to our pod interface.</summary>
    internal static IEnumerable<IPAddress> PrevAddresses(CommandContext ctx)
    {
        if (ctx.Config.PrevResult is not { } prev)
        {
            return [];
        }

        return prev.IPs
            .Where(ip => ip.Interface is not { } i || (prev.Interfaces[i].Name == ctx.Env.IfName && prev.Interfaces[i].Sandbox is not null))
            .Select(ip => ip.Address);
    }

    private static async Task<string?> FinishReleaseAsync(CommandContext ctx, PendingReply<DelReply> release, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await release.ReceiveAsync().ConfigureAwait(false);
            if (reply.ReleasedAddress.Length > 0)
            {
                CniLog.Released(ctx.Logger, reply.ReleasedAddress);
            }

            return reply.ReleasedAddress;
        }
        catch (RpcException ex) when (DaemonErrors.IsUnreachable(ex))
        {
            await SpoolAsync(ctx, ex.Status.Detail, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RpcException ex)
        {
            throw DaemonErrors.ToCni(ctx.Subject, ctx.Config.SocketPath, ex);
        }
    }

    private static async Task SpoolAsync(CommandContext ctx, string reason, CancellationToken cancellationToken)
    {
        var release = new SpooledRelease(ctx.Config.NetworkName, ctx.Env.ContainerId, ctx.Env.IfName, ctx.Deps.Time.GetUtcNow());
        try
        {
            await ctx.Deps.SpoolRelease(ctx.Config.SpoolDir, release, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IOFailure,
                $"{ctx.Subject}: daemon unreachable and the release could not be spooled to {ctx.Config.SpoolDir}",
                $"daemon: {reason}; spool: {ex.Message}", ex);
        }

        CniLog.Spooled(ctx.Logger, reason, ctx.Config.SpoolDir);
    }

    private static async Task DetachRulesAsync(CommandContext ctx, string hostVeth, IPAddress address, CancellationToken cancellationToken)
    {
        try
        {
            await ctx.Deps.Network.RemoveRulesAsync([address], cancellationToken).ConfigureAwait(false);
        }
        catch (PodNetworkException ex)
        {
            throw new CniException(CniErrorCode.IOFailure, $"{ctx.Subject}: failed to remove the rules of {address}: {ex.Message}",
                ex.InnerException?.Message, ex);
        }
    }
}
