using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.BareMetal;

public sealed partial class BareMetalCloudProvider
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Claimed block {Block} for node {Node} ({Conflicts} lost races first)")]
    private partial void LogBlockClaimed(string block, string node, int conflicts);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Returned empty block {Block} of node {Node} to the pool")]
    private partial void LogBlockReleased(string block, string node);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Block {Block} is empty; draining it, returned to the pool at {ReleaseAt:o} unless needed again")]
    private partial void LogReleaseDeferred(string block, DateTimeOffset releaseAt);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Cannot claim a block: {Reason}")]
    private partial void LogPoolExhausted(string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Node {Node} holds block {Block} (adopted from the block store)")]
    private partial void LogBlockAdopted(string block, string node);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Block {Block} is no longer recorded as held by node {Node}; dropping it")]
    private partial void LogBlockLost(string block, string node);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Block {Block} is needed again; no longer draining")]
    private partial void LogBlockRevived(string block);
}
