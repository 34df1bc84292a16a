using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>The XML shapes of EC2 resources, as AWSSDK.EC2's unmarshallers read them.</summary>
internal static class Ec2Shapes
{
    /// <summary>A NetworkInterface (DescribeNetworkInterfaces item, CreateNetworkInterface's networkInterface).</summary>
    public static void Eni(Ec2Xml x, EniSnapshot e, string ownerId)
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
        Groups(x, e.SecurityGroupIds);
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
    public static void InstanceEni(Ec2Xml x, EniSnapshot e, string ownerId)
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
        Groups(x, e.SecurityGroupIds);
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

    public static void Groups(Ec2Xml x, IEnumerable<string> groupIds) =>
        x.Set("groupSet", groupIds, (g, id) => g.Value("groupId", id).Value("groupName", "cloudnet-" + id));

    private static void Addresses(Ec2Xml x, EniSnapshot e)
    {
        var all = new[] { (e.PrivateIpAddress, true) }.Concat(e.SecondaryPrivateIpAddresses.Select(a => (a, false)));
        x.Set("privateIpAddressesSet", all, (i, a) => i.Value("privateIpAddress", a.Item1).Value("primary", a.Item2));
        x.Set("ipv4PrefixSet", e.Ipv4Prefixes, (i, p) => i.Value("ipv4Prefix", p));
    }
}
