using Cloudnet.Ipamd.Logging;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

public sealed partial class DaemonHost
{
    [LoggerMessage(EventIds.Starting, LogLevel.Information, "cloudnet-ipamd starting: provider {Provider}, state directory {StateDir}")]
    private partial void LogStarting(string provider, string stateDir);

    [LoggerMessage(EventIds.Ready, LogLevel.Information, "cloudnet-ipamd ready: gRPC on {Socket}, introspection on {Introspection}, metrics on {Metrics}")]
    private partial void LogReady(string socket, string introspection, string metrics);

    [LoggerMessage(EventIds.StaleSocketRemoved, LogLevel.Warning, "Removed stale socket {Socket} left by a previous daemon")]
    private partial void LogStaleSocket(string socket);

    [LoggerMessage(EventIds.Stopping, LogLevel.Information, "cloudnet-ipamd stopping: finishing in-flight calls")]
    private partial void LogStopping();

    [LoggerMessage(EventIds.Stopped, LogLevel.Information, "cloudnet-ipamd stopped: state persisted, socket removed")]
    private partial void LogStopped();
}
