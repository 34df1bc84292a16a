using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Node;

// Event ids in the data plane's range (2000-2999): the flush is data-plane work run by the daemon.
public sealed partial class ConntrackFlusher
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Flushed {Deleted} conntrack entries of released {Addresses} ({Gone} already gone)")]
    private partial void LogFlushed(int deleted, string addresses, int gone);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "No conntrack entries of released {Addresses}")]
    private partial void LogNothingToFlush(string addresses);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Conntrack flush of released {Addresses} failed; their entries expire on their own timeouts: {Error}")]
    private partial void LogFlushFailed(string addresses, string error);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "The kernel refused {Count} conntrack deletes for released {Addresses}; first: {Error}")]
    private partial void LogDeletesRefused(int count, string addresses, string error);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Conntrack entries of released addresses are not flushed in the daemon's network namespace: {Reason}")]
    private partial void LogUnavailable(string reason);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Conntrack flush queue overflowed ({Capacity} addresses); flushing every cooling address instead")]
    private partial void LogOverflow(int capacity);
}
