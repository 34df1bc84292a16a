namespace Cloudnet.Emulator.State;

/// <summary>One ENI as DescribeNetworkInterfaces and /_emulator/state show it.</summary>
/// <param name="NetworkInterfaceId">eni-….</param>
/// <param name="SubnetId">Its subnet.</param>
/// <param name="VpcId">Its VPC.</param>
/// <param name="AvailabilityZone">The subnet's zone.</param>
/// <param name="MacAddress">Lower-case, colon separated.</param>
/// <param name="Description">Free text.</param>
/// <param name="Status">"available" or "in-use".</param>
/// <param name="PrivateIpAddress">The primary private IPv4 address.</param>
/// <param name="SecondaryPrivateIpAddresses">Secondary /32 addresses, in assignment order.</param>
/// <param name="Ipv4Prefixes">Delegated prefixes ("10.0.1.16/28"), in assignment order.</param>
/// <param name="SecurityGroupIds">sg-… ids.</param>
/// <param name="Tags">Key to value.</param>
/// <param name="Attachment">Null when not attached.</param>
/// <param name="CreatedAt">When the ENI was created.</param>
public sealed record EniSnapshot(
    string NetworkInterfaceId,
    string SubnetId,
    string VpcId,
    string AvailabilityZone,
    string MacAddress,
    string Description,
    string Status,
    string PrivateIpAddress,
    IReadOnlyList<string> SecondaryPrivateIpAddresses,
    IReadOnlyList<string> Ipv4Prefixes,
    IReadOnlyList<string> SecurityGroupIds,
    IReadOnlyDictionary<string, string> Tags,
    AttachmentSnapshot? Attachment,
    DateTimeOffset CreatedAt);
