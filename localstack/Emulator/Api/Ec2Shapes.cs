using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>The XML shapes of EC2 resources, as AWSSDK.EC2's unmarshallers read them.</summary>
internal static class Ec2Shapes
{
    /// <summary>A NetworkInterface (DescribeNetworkInterfaces item, CreateNetworkInterface's networkInterface).</summary>
    public static void Eni(Ec2Xml x, EniSnapshot e, string ownerId, IReadOnlyDictionary<string, string> groupNames)
    {
        x.Value("networkInterfaceId", e.NetworkInterfaceId)
            .Value("subnetId", e.SubnetId)
            .Value("vpcId", e.VpcId)
            .Value("availabilityZone", e.AvailabilityZone)
            .Value("description", e.Description)
            .Value("ownerId", ownerId)
            .Value("requesterManaged", false)
            .Value("status", e.Status)
            .Value("macAddress", e.MacAddress)
            .Value("privateIpAddress", e.PrivateIpAddress)
            .Value("sourceDestCheck", true)
            .Value("interfaceType", "interface");
        Groups(x, e.SecurityGroupIds, groupNames);
        if (e.Attachment is { } a)
        {
            x.Start("attachment")
                .Value("attachmentId", a.AttachmentId)
                .Value("instanceId", a.InstanceId)
                .Value("instanceOwnerId", ownerId)
                .Value("deviceIndex", a.DeviceIndex)
                .Value("networkCardIndex", 0)
                .Value("status", a.Status)
                .Value("attachTime", a.AttachTime)
                .Value("deleteOnTermination", a.DeleteOnTermination)
                .End();
        }

        x.TagSet(e.Tags);
        Addresses(x, e);
        x.Set("ipv6AddressesSet", Array.Empty<string>(), (_, _) => { });
    }

    /// <summary>An InstanceNetworkInterface (DescribeInstances' networkInterfaceSet item).</summary>
    public static void InstanceEni(Ec2Xml x, EniSnapshot e, string ownerId, IReadOnlyDictionary<string, string> groupNames)
    {
        x.Value("networkInterfaceId", e.NetworkInterfaceId)
            .Value("subnetId", e.SubnetId)
            .Value("vpcId", e.VpcId)
            .Value("description", e.Description)
            .Value("ownerId", ownerId)
            .Value("status", e.Status)
            .Value("macAddress", e.MacAddress)
            .Value("privateIpAddress", e.PrivateIpAddress)
            .Value("sourceDestCheck", true)
            .Value("interfaceType", "interface");
        Groups(x, e.SecurityGroupIds, groupNames);
        var a = e.Attachment!;
        x.Start("attachment")
            .Value("attachmentId", a.AttachmentId)
            .Value("deviceIndex", a.DeviceIndex)
            .Value("networkCardIndex", 0)
            .Value("status", a.Status)
            .Value("attachTime", a.AttachTime)
            .Value("deleteOnTermination", a.DeleteOnTermination)
            .End();
        Addresses(x, e);
    }

    public static void Groups(Ec2Xml x, IEnumerable<string> groupIds, IReadOnlyDictionary<string, string> groupNames) =>
        x.Set("groupSet", groupIds, (g, id) => g.Value("groupId", id).Value("groupName", groupNames.GetValueOrDefault(id, id)));

    /// <summary>A Subnet (DescribeSubnets item, CreateSubnet's subnet).</summary>
    public static void Subnet(Ec2Xml x, SubnetSnapshot s, string region, string ownerId) =>
        x.Value("subnetId", s.SubnetId)
            .Value("subnetArn", $"arn:aws:ec2:{region}:{ownerId}:subnet/{s.SubnetId}")
            .Value("state", "available").Value("ownerId", ownerId).Value("vpcId", s.VpcId).Value("cidrBlock", s.CidrBlock)
            .Value("availableIpAddressCount", s.AvailableIpAddressCount).Value("availabilityZone", s.AvailabilityZone)
            .Value("availabilityZoneId", "use1-az1").Value("defaultForAz", false).Value("mapPublicIpOnLaunch", false)
            .Value("assignIpv6AddressOnCreation", false)
            .TagSet(s.Tags);

    /// <summary>A Vpc (DescribeVpcs item, CreateVpc's vpc).</summary>
    public static void Vpc(Ec2Xml x, VpcSnapshot v, string ownerId, bool creating = false) =>
        x.Value("vpcId", v.VpcId).Value("ownerId", ownerId).Value("state", creating ? "pending" : "available")
            .Value("cidrBlock", v.CidrBlock)
            .Set("cidrBlockAssociationSet", [v.CidrBlock], (c, cidr) => c.Value("associationId", "vpc-cidr-assoc-" + v.VpcId[4..])
                .Value("cidrBlock", cidr).Start("cidrBlockState").Value("state", "associated").End())
            .Value("dhcpOptionsId", "dopt-" + v.VpcId[4..]).Value("instanceTenancy", "default").Value("isDefault", false)
            .TagSet(v.Tags);

    private static void Addresses(Ec2Xml x, EniSnapshot e)
    {
        var all = new[] { (e.PrivateIpAddress, true) }.Concat(e.SecondaryPrivateIpAddresses.Select(a => (a, false)));
        x.Set("privateIpAddressesSet", all, (i, a) => i.Value("privateIpAddress", a.Item1).Value("primary", a.Item2));
        x.Set("ipv4PrefixSet", e.Ipv4Prefixes, (i, p) => i.Value("ipv4Prefix", p));
    }
}
