namespace Cloudnet.Emulator.State;

/// <summary>An instance as DescribeInstances shows it.</summary>
/// <param name="InstanceId">i-….</param>
/// <param name="InstanceType">e.g. "m5.large".</param>
/// <param name="State">"running" or "terminated".</param>
/// <param name="ImageId">ami-….</param>
/// <param name="AvailabilityZone">Its zone.</param>
/// <param name="SubnetId">The primary ENI's subnet.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="PrivateIpAddress">The primary ENI's primary address.</param>
/// <param name="LaunchTime">When it booted.</param>
/// <param name="Tags">Key to value.</param>
/// <param name="ReservationId">r-…; instances launched by one RunInstances call share it.</param>
public sealed record InstanceSnapshot(
    string InstanceId,
    string InstanceType,
    string State,
    string ImageId,
    string AvailabilityZone,
    string SubnetId,
    string VpcId,
    string? PrivateIpAddress,
    DateTimeOffset LaunchTime,
    IReadOnlyDictionary<string, string> Tags,
    string ReservationId);
