using System.Net;
using System.Net.Sockets;
using Cloudnet.Cni.Daemon;
using Cloudnet.Cni.Logging;
using Cloudnet.Cni.Network;
using Cloudnet.Cni.Protocol;
using Cloudnet.Contract.V1;
using Cloudnet.Ipam.Addressing;
using Grpc.Core;

namespace Cloudnet.Cni.Commands;

/// <summary>
/// ADD: probe the namespace, take an address from the daemon while creating the veth pair, wire the
/// pod, print the result. Everything that can be rejected without an address is rejected before the
/// daemon is asked; any failure after the daemon answered releases the address again, and a failed
/// Add removes the pair.
/// </summary>
internal static class AddCommand
{
    public static async Task<CniOutcome> RunAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var env = ctx.Env;
        var netns = env.Netns!;
        var probe = await ctx.Deps.Network.ProbeAsync(netns, env.IfName, cancellationToken).ConfigureAwait(false);
        switch (probe)
        {
            case NetnsProbe.NetnsMissing:
                throw new CniException(CniErrorCode.UnknownContainer,
                    $"{ctx.Subject}: CNI_NETNS {netns} does not exist or is not a network namespace");
            case NetnsProbe.IfNameTaken:
                throw new CniException(CniErrorCode.InvalidEnvironment,
                    $"{ctx.Subject}: CNI_IFNAME {env.IfName} already exists in netns {netns}");
            default:
                break;
        }

        using var daemon = ctx.Deps.ConnectDaemon(ctx.Config);
        var hostVeth = HostVethName.For(ctx.Config.VethPrefix, ctx.Config.NetworkName, env.ContainerId, env.IfName);
        var reply = await AssignWhilePreparingAsync(ctx, daemon, hostVeth, cancellationToken).ConfigureAwait(false);
        IPAddress address;
        try
        {
            address = ParseReply(ctx, reply);
        }
        catch (CniException)
        {
            await RemovePairAsync(ctx, hostVeth).ConfigureAwait(false);
            await ReleaseAsync(ctx, daemon, reply.Address).ConfigureAwait(false);
            throw;
        }

        CniLog.Assigned(ctx.Logger, reply.Address, reply.PrefixLength, reply.RouteTable, reply.DeviceIndex, reply.InterfaceId);
        var wiring = new PodWiring(netns, env.IfName, hostVeth,
            address, reply.PrefixLength, ctx.Config.Mtu > 0 ? ctx.Config.Mtu : reply.Mtu, reply.RouteTable);
        PodAttachment attachment;
        try
        {
            attachment = await ctx.Deps.Network.AttachAsync(wiring, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PodNetworkException or OperationCanceledException)
        {
            CniLog.RollingBack(ctx.Logger, ex, reply.Address);
            await ReleaseAsync(ctx, daemon, reply.Address).ConfigureAwait(false);
            throw new CniException(CniErrorCode.IOFailure,
                $"{ctx.Subject}: failed to wire address {reply.Address}: {ex.Message}",
                ex.InnerException?.Message ?? ex.Message, ex);
        }

        CniLog.Wired(ctx.Logger, reply.Address, attachment.HostVeth, attachment.HostMac, env.IfName, attachment.PodMac);
        var result = BuildResult(ctx, wiring, attachment);
        return new CniOutcome(0, ResultWriter.Result(result, ctx.Config.CniVersion));
    }

    /// <summary>Our interfaces, address and default route, appended to the previous plugin's result if there is one.</summary>
    internal static CniResult BuildResult(CommandContext ctx, PodWiring wiring, PodAttachment attachment)
    {
        var prev = ctx.Config.PrevResult ?? CniResult.Empty;
        var mtu = attachment.Mtu > 0 ? attachment.Mtu : (int?)null;
        var interfaces = new List<CniInterface>(prev.Interfaces)
        {
            new(attachment.HostVeth, attachment.HostMac, null, mtu),
            new(wiring.IfName, attachment.PodMac, wiring.Netns, mtu),
        };
        var podIndex = interfaces.Count - 1;
        var defaultRoute = wiring.Address.AddressFamily == AddressFamily.InterNetworkV6 ? "::/0" : "0.0.0.0/0";
        return new CniResult(
            interfaces,
            [.. prev.IPs, new CniIPConfig(wiring.Address, wiring.PrefixLength, wiring.Gateway, podIndex)],
            [.. prev.Routes, new CniRoute(Cidr.Parse(defaultRoute), wiring.Gateway)],
            ctx.Config.Dns ?? prev.Dns);
    }

    /// <summary>
    /// Sends the Add, creates the veth pair while the daemon works (its checkpoint write), then reads
    /// the reply. A failed pair after a successful Add releases the address; a failed Add removes the pair.
    /// </summary>
    private static async Task<AddReply> AssignWhilePreparingAsync(CommandContext ctx, IIpamDaemon daemon, string hostVeth, CancellationToken cancellationToken)
    {
        using var pending = daemon.StartAdd(Request(ctx), cancellationToken);
        PodNetworkException? prepareFailure = null;
        if (!pending.HasFailed)
        {
            try
            {
                // The MTU is final only with the reply (config, else the daemon's); Attach corrects it if needed.
                await ctx.Deps.Network.PrepareAsync(ctx.Env.Netns!, ctx.Env.IfName, hostVeth, ctx.Config.Mtu, cancellationToken).ConfigureAwait(false);
            }
            catch (PodNetworkException ex)
            {
                prepareFailure = ex;
            }
        }

        AddReply reply;
        try
        {
            reply = await pending.ReceiveAsync().ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            if (prepareFailure is null)
            {
                await RemovePairAsync(ctx, hostVeth).ConfigureAwait(false);
            }

            throw DaemonErrors.ToCni(ctx.Subject, ctx.Config.SocketPath, ex);
        }

        if (prepareFailure is not null)
        {
            CniLog.RollingBack(ctx.Logger, prepareFailure, reply.Address);
            await ReleaseAsync(ctx, daemon, reply.Address).ConfigureAwait(false);
            throw new CniException(CniErrorCode.IOFailure,
                $"{ctx.Subject}: failed to create the veth pair for address {reply.Address}: {prepareFailure.Message}",
                prepareFailure.InnerException?.Message ?? prepareFailure.Message, prepareFailure);
        }

        return reply;
    }

    private static AddRequest Request(CommandContext ctx)
    {
        var args = ctx.Env.Args;
        return new AddRequest
        {
            ClientVersion = CommandContext.ClientVersion,
            Key = ctx.Key,
            Netns = ctx.Env.Netns ?? string.Empty,
            Pod = new PodInfo
            {
                Namespace = args.PodNamespace ?? string.Empty,
                Name = args.PodName ?? string.Empty,
                Uid = args.PodUid ?? string.Empty,
                InfraContainerId = args.PodInfraContainerId ?? string.Empty,
            },
        };
    }

    /// <summary>Removes a prepared pair after the Add failed. Best effort: DEL, which the runtime must follow with, retries.</summary>
    private static async Task RemovePairAsync(CommandContext ctx, string hostVeth)
    {
        try
        {
            await ctx.Deps.Network.DetachAsync(hostVeth, [], CancellationToken.None).ConfigureAwait(false);
        }
        catch (PodNetworkException ex)
        {
            CniLog.RollbackRemoveFailed(ctx.Logger, ex, hostVeth);
        }
    }

    private static IPAddress ParseReply(CommandContext ctx, AddReply reply)
    {
        if (!IPAddress.TryParse(reply.Address, out var address)
            || reply.PrefixLength != (address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32))
        {
            throw new CniException(CniErrorCode.DaemonFailure,
                $"{ctx.Subject}: daemon answered an unusable address '{reply.Address}/{reply.PrefixLength}'",
                "expected an IPv4 /32 or IPv6 /128 host address");
        }

        if (reply.RouteTable is < 0 or > 0xFFFF_FFF)
        {
            throw new CniException(CniErrorCode.DaemonFailure,
                $"{ctx.Subject}: daemon answered an invalid route table {reply.RouteTable}");
        }

        return address;
    }

    /// <summary>Gives the address back after a failed ADD. Not cancellable: a half-done ADD must not leak.</summary>
    private static async Task ReleaseAsync(CommandContext ctx, IIpamDaemon daemon, string address)
    {
        try
        {
            await daemon.DelAsync(new DelRequest { ClientVersion = CommandContext.ClientVersion, Key = ctx.Key }, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            // The runtime follows a failed ADD with DEL (spec section 3), which retries or spools.
            CniLog.RollbackReleaseFailed(ctx.Logger, ex, address);
        }
    }
}
