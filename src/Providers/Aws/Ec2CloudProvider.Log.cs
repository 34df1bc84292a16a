using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.Aws;

public sealed partial class Ec2CloudProvider
{
    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "AWS node {InstanceId} ({InstanceType}) in {Region}, mode {Mode}")]
    private static partial void LogIdentity(ILogger logger, string instanceId, string instanceType, string region, string mode);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "EC2 call failed, retry {Attempt} in {DelayMs} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delayMs, string error);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Created ENI {InterfaceId} for {InstanceId} at device {DeviceIndex} in {SubnetId} with {Addresses} secondary addresses and {Prefixes} prefixes")]
    private static partial void LogCreated(ILogger logger, string interfaceId, string instanceId, int deviceIndex, string subnetId, int addresses, int prefixes);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "Deleted ENI {InterfaceId}")]
    private static partial void LogDeleted(ILogger logger, string interfaceId);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Debug, Message = "ENI {InterfaceId} still in use (attempt {Attempt}); waiting before deleting again")]
    private static partial void LogDeleteInUse(ILogger logger, string interfaceId, int attempt);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "Rolling back ENI {InterfaceId} after a failed create: {Reason}")]
    private static partial void LogRollback(ILogger logger, string interfaceId, string reason);

    [LoggerMessage(EventId = 5034, Level = LogLevel.Error, Message = "Rollback of ENI {InterfaceId} failed; the leak sweep will delete it: {Error}")]
    private static partial void LogRollbackFailed(ILogger logger, string interfaceId, string error);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Debug, Message = "Assigned {Count} {What} to {InterfaceId}")]
    private static partial void LogAssigned(ILogger logger, int count, string what, string interfaceId);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Debug, Message = "Released {Count} {What} from {InterfaceId}")]
    private static partial void LogReleased(ILogger logger, int count, string what, string interfaceId);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Warning, Message = "InsufficientCidrBlocks assigning {Count} /28 prefixes to {InterfaceId}: the subnet is too fragmented; falling back to single addresses")]
    private static partial void LogInsufficientCidrBlocks(ILogger logger, string interfaceId, int count);

    [LoggerMessage(EventId = 5050, Level = LogLevel.Warning, Message = "Deleted leaked ENI {InterfaceId} (created for {InstanceId})")]
    private static partial void LogLeakDeleted(ILogger logger, string interfaceId, string instanceId);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Information, Message = "Leaked-ENI sweep skipped: {Reason}")]
    private static partial void LogSweepSkipped(ILogger logger, string reason);
}
