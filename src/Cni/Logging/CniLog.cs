using Microsoft.Extensions.Logging;

namespace Cloudnet.Cni.Logging;

/// <summary>The CNI binary's log events (ids 4000-4999, stable).</summary>
internal static partial class CniLog
{
    [LoggerMessage(4000, LogLevel.Information, "{Command} start container={ContainerId} ifname={IfName} netns={Netns} pod={Pod}")]
    public static partial void Start(ILogger logger, string command, string containerId, string ifName, string? netns, string pod);

    [LoggerMessage(4001, LogLevel.Information, "{Command} done in {ElapsedMs} ms")]
    public static partial void Done(ILogger logger, string command, long elapsedMs);

    [LoggerMessage(4002, LogLevel.Warning, "{Command} failed with code {Code}: {Message} ({Details})")]
    public static partial void Failed(ILogger logger, string command, int code, string message, string? details);

    [LoggerMessage(4010, LogLevel.Information, "ADD daemon assigned {Address}/{PrefixLength} table={RouteTable} device={DeviceIndex} interface={InterfaceId}")]
    public static partial void Assigned(ILogger logger, string address, int prefixLength, int routeTable, int deviceIndex, string interfaceId);

    [LoggerMessage(4011, LogLevel.Information, "ADD wired {Address} host veth {HostVeth} ({HostMac}) pod {IfName} ({PodMac})")]
    public static partial void Wired(ILogger logger, string address, string hostVeth, string hostMac, string ifName, string podMac);

    [LoggerMessage(4012, LogLevel.Warning, "ADD failed after the daemon assigned {Address}; rolling back and releasing")]
    public static partial void RollingBack(ILogger logger, Exception exception, string address);

    [LoggerMessage(4013, LogLevel.Error, "ADD rollback could not release {Address}; the daemon reclaims it through GC or the spool")]
    public static partial void RollbackReleaseFailed(ILogger logger, Exception exception, string address);

    [LoggerMessage(4014, LogLevel.Error, "ADD rollback could not remove host veth {HostVeth}; the DEL that follows a failed ADD removes it")]
    public static partial void RollbackRemoveFailed(ILogger logger, Exception exception, string hostVeth);

    [LoggerMessage(4020, LogLevel.Information, "DEL removed host veth {HostVeth} and rules for [{Addresses}]")]
    public static partial void TornDown(ILogger logger, string hostVeth, string addresses);

    [LoggerMessage(4021, LogLevel.Information, "DEL daemon released {Address}")]
    public static partial void Released(ILogger logger, string address);

    [LoggerMessage(4022, LogLevel.Warning, "DEL daemon unreachable ({Reason}); release spooled to {SpoolDir}")]
    public static partial void Spooled(ILogger logger, string reason, string spoolDir);

    [LoggerMessage(4030, LogLevel.Information, "GC daemon released {Count} attachments; host leftovers removed: [{Removed}]")]
    public static partial void Collected(ILogger logger, int count, string removed);

    [LoggerMessage(4031, LogLevel.Warning, "GC host cleanup failed")]
    public static partial void CollectFailed(ILogger logger, Exception exception);

    [LoggerMessage(4040, LogLevel.Debug, "forwarding sysctl {Name} set to 1")]
    public static partial void ForwardingEnabled(ILogger logger, string name);
}
