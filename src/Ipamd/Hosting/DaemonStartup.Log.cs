using Cloudnet.Ipamd.Logging;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

public sealed partial class DaemonStartup
{
    [LoggerMessage(EventIds.CheckpointLoaded, LogLevel.Information, "Loaded checkpoint {Path}: {Allocations} allocation(s), {Cooling} cooling address(es)")]
    private partial void LogCheckpointLoaded(string path, int allocations, int cooling);

    [LoggerMessage(EventIds.NodeDescribed, LogLevel.Information, "Node {NodeId}: {Interfaces} interface(s); limits {MaxInterfaces} interfaces, {AddressesPerInterface} addresses each")]
    private partial void LogNodeDescribed(string nodeId, int interfaces, int maxInterfaces, int addressesPerInterface);

    [LoggerMessage(EventIds.OrphanAllocations, LogLevel.Warning, "{Count} allocation(s) hold addresses the provider does not report; kept until their DEL")]
    private partial void LogOrphans(int count);

    [LoggerMessage(EventIds.NetnsGoneReleased, LogLevel.Information, "Released {Key} ({Address}): its network namespace {Netns} is gone")]
    private partial void LogNetnsGone(string key, string address, string? netns);
}
