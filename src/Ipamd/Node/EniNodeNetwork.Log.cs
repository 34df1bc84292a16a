using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Node;

public sealed partial class EniNodeNetwork
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "ENI {InterfaceId} on {Link}: route table {Table}, rule and loose rp_filter in place")]
    private static partial void LogEniConfigured(ILogger logger, string interfaceId, string link, int table);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "ENI {InterfaceId} ({Mac}) has no link on the node yet; it is configured on a later apply")]
    private static partial void LogLinkMissing(ILogger logger, string interfaceId, string mac);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "ENI {InterfaceId} lacks a MAC, address, subnet or gateway in the description; skipped")]
    private static partial void LogIncomplete(ILogger logger, string interfaceId);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Removed stale rule {Rule}")]
    private static partial void LogRemovedRule(ILogger logger, Dataplane.Netlink.Rule rule);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Removed stale route {Route}")]
    private static partial void LogRemovedRoute(ILogger logger, Dataplane.Netlink.Route route);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "nftables table {Table} applied (external SNAT {ExternalSnat})")]
    private static partial void LogRulesetApplied(ILogger logger, string table, bool externalSnat);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Primary ENI {InterfaceId} has no address or no link on the node; SNAT and connmark not programmed")]
    private static partial void LogNoPrimary(ILogger logger, string interfaceId);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Information, Message = "Removed cloudnet's ENI rules, routes and SNAT table")]
    private static partial void LogRemoved(ILogger logger);
}
