using Microsoft.Extensions.Logging;

namespace Cloudnet.Emulator;

/// <summary>The emulator's log events (ids 7000-7999).</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(7000, LogLevel.Information, "emulator listening on {BaseUri}: instance {InstanceId} ({InstanceType}) in VPC {VpcCidr}")]
    public static partial void Started(ILogger logger, Uri baseUri, string instanceId, string instanceType, string vpcCidr);

    [LoggerMessage(7001, LogLevel.Debug, "EC2 {Action} answered {Status}")]
    public static partial void Ec2Call(ILogger logger, string action, int status);

    [LoggerMessage(7002, LogLevel.Information, "EC2 {Action} failed with {Code}: {Message}")]
    public static partial void Ec2Error(ILogger logger, string action, string code, string message);

    [LoggerMessage(7003, LogLevel.Error, "EC2 {Action} crashed")]
    public static partial void Ec2Crash(ILogger logger, Exception exception, string action);

    [LoggerMessage(7004, LogLevel.Information, "fault settings replaced: {RuleCount} rules, throttling {Throttling}")]
    public static partial void FaultsSet(ILogger logger, int ruleCount, bool throttling);

    [LoggerMessage(7005, LogLevel.Information, "emulator reset to its boot state")]
    public static partial void ResetDone(ILogger logger);

    [LoggerMessage(7010, LogLevel.Information, "materialised ENI {EniId} as {Link} ({Mac}) in netns {Netns}")]
    public static partial void Materialized(ILogger logger, string eniId, string link, string mac, string netns);

    [LoggerMessage(7011, LogLevel.Information, "removed link {Link} of ENI {EniId} from netns {Netns}")]
    public static partial void Dematerialized(ILogger logger, string eniId, string link, string netns);

    [LoggerMessage(7012, LogLevel.Error, "failed to mirror {Kind} of ENI {EniId} in netns {Netns}: {Error}")]
    public static partial void MaterializeFailed(ILogger logger, string kind, string eniId, string netns, string error);
}
