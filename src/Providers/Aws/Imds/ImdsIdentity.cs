namespace Cloudnet.Providers.Aws.Imds;

/// <summary>Who the node is, as IMDS (or EC2, without IMDS) says.</summary>
/// <param name="InstanceId">"i-0abc…".</param>
/// <param name="InstanceType">"m5.large".</param>
/// <param name="Region">"us-east-1".</param>
/// <param name="AvailabilityZone">"us-east-1a", when known.</param>
/// <param name="PrimaryMac">MAC of device 0, when known.</param>
public sealed record ImdsIdentity(string InstanceId, string InstanceType, string Region, string? AvailabilityZone, string? PrimaryMac);
