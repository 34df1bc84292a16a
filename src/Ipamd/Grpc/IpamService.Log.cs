using Cloudnet.Ipamd.Logging;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Grpc;

public sealed partial class IpamService
{
    private static readonly Func<ILogger, string, string, string, IDisposable?> KeyScope =
        LoggerMessage.DefineScope<string, string, string>("Attachment {NetworkName}/{ContainerId}/{IfName}");

    [LoggerMessage(EventIds.AddAssigned, LogLevel.Information, "ADD {Key}: assigned {Address} on {InterfaceId}")]
    private partial void LogAddAssigned(string key, string address, string interfaceId);

    [LoggerMessage(EventIds.AddRepeated, LogLevel.Information, "ADD {Key}: repeated, returning its address {Address}")]
    private partial void LogAddRepeated(string key, string address);

    [LoggerMessage(EventIds.AddWaiting, LogLevel.Information, "ADD {Key}: pool empty, waiting for the reconciler")]
    private partial void LogAddWaiting(string key);

    [LoggerMessage(EventIds.AddExhausted, LogLevel.Warning, "ADD {Key}: no address within the wait (total {Total}, assigned {Assigned}, cooling {Cooling})")]
    private partial void LogAddExhausted(string key, int total, int assigned, int cooling);

    [LoggerMessage(EventIds.DelReleased, LogLevel.Information, "DEL {Key}: released {Address} into cooldown")]
    private partial void LogDelReleased(string key, string address);

    [LoggerMessage(EventIds.DelUnknown, LogLevel.Debug, "DEL {Key}: no allocation (already released)")]
    private partial void LogDelUnknown(string key);

    [LoggerMessage(EventIds.GcReleased, LogLevel.Information, "GC: released {Key} ({Address}), not in the runtime's valid list")]
    private partial void LogGcReleased(string key, string address);

    [LoggerMessage(EventIds.RequestRejected, LogLevel.Information, "Request refused with {Code}: {Detail}")]
    private partial void LogRejected(StatusCode code, string detail);
}
