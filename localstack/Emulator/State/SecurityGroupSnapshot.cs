namespace Cloudnet.Emulator.State;

/// <summary>A security group as DescribeSecurityGroups shows it.</summary>
/// <param name="GroupId">sg-….</param>
/// <param name="GroupName">Unique within its VPC; every VPC has one named "default".</param>
/// <param name="Description">Free text given at creation.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="Tags">Key to value.</param>
public sealed record SecurityGroupSnapshot(
    string GroupId,
    string GroupName,
    string Description,
    string VpcId,
    IReadOnlyDictionary<string, string> Tags);
