using System.Globalization;
using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>
/// The filter names each Describe action understands, mapped to a resource's values. An unknown
/// filter name is EC2's InvalidParameterValue; all filters must match, any value of one may.
/// </summary>
internal static class FilterFields
{
    public static bool Match<T>(T item, IReadOnlyList<Ec2Filter> filters, Func<T, string, IEnumerable<string>?> field, Func<T, IReadOnlyDictionary<string, string>> tags)
    {
        foreach (var filter in filters)
        {
            IEnumerable<string>? values;
            if (filter.Name.StartsWith("tag:", StringComparison.Ordinal))
            {
                values = tags(item).TryGetValue(filter.Name[4..], out var v) ? [v] : [];
            }
            else if (filter.Name == "tag-key")
            {
                values = tags(item).Keys;
            }
            else
            {
                values = field(item, filter.Name)
                    ?? throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"The filter '{filter.Name}' is invalid");
            }

            if (!filter.MatchesAny(values))
            {
                return false;
            }
        }

        return true;
    }

    public static IEnumerable<string>? Eni(EniSnapshot e, string name) => name switch
    {
        "network-interface-id" => [e.NetworkInterfaceId],
        "subnet-id" => [e.SubnetId],
        "vpc-id" => [e.VpcId],
        "availability-zone" => [e.AvailabilityZone],
        "status" => [e.Status],
        "description" => [e.Description],
        "mac-address" => [e.MacAddress],
        "interface-type" => ["interface"],
        "requester-managed" => ["false"],
        "group-id" => e.SecurityGroupIds,
        "private-ip-address" or "addresses.private-ip-address" => e.SecondaryPrivateIpAddresses.Prepend(e.PrivateIpAddress),
        "ipv4-prefix" => e.Ipv4Prefixes,
        "attachment.instance-id" => e.Attachment is { } a ? [a.InstanceId] : [],
        "attachment.attachment-id" => e.Attachment is { } a ? [a.AttachmentId] : [],
        "attachment.device-index" => e.Attachment is { } a ? [a.DeviceIndex.ToString(CultureInfo.InvariantCulture)] : [],
        "attachment.status" => e.Attachment is not null ? ["attached"] : [],
        "attachment.delete-on-termination" => e.Attachment is { } a ? [a.DeleteOnTermination ? "true" : "false"] : [],
        _ => null,
    };

    public static IEnumerable<string>? Subnet(SubnetSnapshot s, string name) => name switch
    {
        "subnet-id" => [s.SubnetId],
        "vpc-id" => [s.VpcId],
        "cidr-block" or "cidr" or "cidrBlock" => [s.CidrBlock],
        "availability-zone" => [s.AvailabilityZone],
        "state" => ["available"],
        "default-for-az" => ["false"],
        _ => null,
    };

    public static IEnumerable<string>? Instance(InstanceSnapshot i, string name) => name switch
    {
        "instance-id" => [i.InstanceId],
        "instance-type" => [i.InstanceType],
        "instance-state-name" => [i.State],
        "vpc-id" => [i.VpcId],
        "subnet-id" => [i.SubnetId],
        "availability-zone" => [i.AvailabilityZone],
        "private-ip-address" => i.PrivateIpAddress is null ? [] : [i.PrivateIpAddress],
        _ => null,
    };

    public static IEnumerable<string>? Vpc(VpcSnapshot v, string name) => name switch
    {
        "vpc-id" => [v.VpcId],
        "cidr" or "cidr-block" or "cidr-block-association.cidr-block" => [v.CidrBlock],
        "state" => ["available"],
        "is-default" => ["false"],
        _ => null,
    };

    public static IEnumerable<string>? SecurityGroup(SecurityGroupSnapshot g, string name) => name switch
    {
        "group-id" => [g.GroupId],
        "group-name" => [g.GroupName],
        "description" => [g.Description],
        "vpc-id" => [g.VpcId],
        _ => null,
    };

    public static IEnumerable<string>? Image(string imageId, string name) => name switch
    {
        "image-id" => [imageId],
        "name" => ["cloudnet-emulator-node"],
        "state" => ["available"],
        "architecture" => ["x86_64"],
        "image-type" => ["machine"],
        "is-public" => ["true"],
        _ => null,
    };
}
