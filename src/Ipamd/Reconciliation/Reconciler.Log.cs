using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipamd.Logging;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Reconciliation;

public sealed partial class Reconciler
{
    [LoggerMessage(EventIds.ReconcilePlan, LogLevel.Information, "Pool plan: {ActionCount} action(s): {Reason}")]
    private partial void LogPlan(int actionCount, string reason);

    [LoggerMessage(EventIds.ProviderCallFailed, LogLevel.Warning, "Provider call {Operation} failed ({Kind}): {Message}; retrying on the next round")]
    private partial void LogProviderCallFailed(string operation, CloudErrorKind kind, string message);

    [LoggerMessage(EventIds.PrefixFallback, LogLevel.Warning, "Interface {InterfaceId}: no free /28 for {Count} prefix(es) (InsufficientCidrBlocks): {Message}; assigning single addresses this round")]
    private partial void LogPrefixFallback(string interfaceId, int count, string message);

    [LoggerMessage(EventIds.ReconcileFailed, LogLevel.Error, "Reconcile round failed")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(EventIds.ReconcileBackoff, LogLevel.Debug, "Next reconcile round in {Delay} ({Failures} consecutive failure(s))")]
    private partial void LogBackoff(TimeSpan delay, int failures);

    [LoggerMessage(EventIds.InterfaceCreated, LogLevel.Information, "Created interface {InterfaceId} at device index {DeviceIndex} with {Addresses} secondary addresses and {Prefixes} prefixes")]
    private partial void LogInterfaceCreated(string interfaceId, int deviceIndex, int addresses, int prefixes);

    [LoggerMessage(EventIds.AddressesAssigned, LogLevel.Information, "Interface {InterfaceId}: assigned {Count} {What}")]
    private partial void LogAssigned(string interfaceId, int count, string what);

    [LoggerMessage(EventIds.AddressesReleased, LogLevel.Information, "Interface {InterfaceId}: released {Count} {What}")]
    private partial void LogReleased(string interfaceId, int count, string what);

    [LoggerMessage(EventIds.InterfaceDeleted, LogLevel.Information, "Deleted interface {InterfaceId}")]
    private partial void LogInterfaceDeleted(string interfaceId);

    [LoggerMessage(EventIds.ReleaseHeld, LogLevel.Information, "Pool surplus held until {DueAt:u} (release delay): {Reason}")]
    private partial void LogReleaseHeld(DateTimeOffset dueAt, string reason);

    [LoggerMessage(EventIds.ReleaseDelayChanged, LogLevel.Information, "Release delay now {Delay} (was {Before}): {Why}")]
    private partial void LogReleaseDelayChanged(TimeSpan delay, TimeSpan before, string why);

    [LoggerMessage(EventIds.NodeNetworkFailed, LogLevel.Error, "Programming node networking failed; new interfaces stay out of the pool until it succeeds")]
    private partial void LogNodeNetworkFailed(Exception exception);

    [LoggerMessage(EventIds.OrphanAllocations, LogLevel.Warning, "{Count} allocation(s) hold addresses the provider no longer reports: {Sample}")]
    private partial void LogOrphans(int count, string sample);
}
