using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>The mutating actions: ENI lifecycle, addresses and prefixes, tags.</summary>
internal sealed partial class Ec2Actions
{
    private void CreateNetworkInterface(QueryParameters q, Ec2Xml x)
    {
        var eni = _state.CreateNetworkInterface(new CreateEniRequest(
            q.Required("SubnetId"),
            q.List("SecurityGroupId"),
            q.Get("Description"),
            q.TagSpecifications("network-interface"),
            q.Int("SecondaryPrivateIpAddressCount") ?? 0,
            q.Int("Ipv4PrefixCount") ?? 0));
        x.Start("networkInterface");
        Ec2Shapes.Eni(x, eni, Owner, GroupNames(_state.Snapshot()));
        x.End();
    }

    private void AttachNetworkInterface(QueryParameters q, Ec2Xml x)
    {
        var deviceIndex = q.Int("DeviceIndex")
            ?? throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter DeviceIndex");
        if (q.Int("NetworkCardIndex") is > 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, "The instance type supports a single network card (index 0)");
        }

        var attachmentId = _state.AttachNetworkInterface(q.Required("NetworkInterfaceId"), q.Required("InstanceId"), deviceIndex);
        x.Value("attachmentId", attachmentId).Value("networkCardIndex", 0);
    }

    private void DetachNetworkInterface(QueryParameters q, Ec2Xml x)
    {
        _state.DetachNetworkInterface(q.Required("AttachmentId"));
        Return(q, x);
    }

    private void DeleteNetworkInterface(QueryParameters q, Ec2Xml x)
    {
        _state.DeleteNetworkInterface(q.Required("NetworkInterfaceId"));
        Return(q, x);
    }

    private void ModifyNetworkInterfaceAttribute(QueryParameters q, Ec2Xml x)
    {
        var groups = q.List("SecurityGroupId");
        _state.ModifyNetworkInterfaceAttribute(q.Required("NetworkInterfaceId"), new ModifyEniRequest(
            q.Get("Attachment.AttachmentId"),
            q.Bool("Attachment.DeleteOnTermination"),
            q.Get("Description.Value"),
            groups.Count == 0 ? null : groups));
        Return(q, x);
    }

    private void AssignPrivateIpAddresses(QueryParameters q, Ec2Xml x)
    {
        var result = _state.AssignPrivateIpAddresses(q.Required("NetworkInterfaceId"), new AssignRequest(
            q.List("PrivateIpAddress"),
            q.Int("SecondaryPrivateIpAddressCount") ?? 0,
            q.List("Ipv4Prefix"),
            q.Int("Ipv4PrefixCount") ?? 0));
        x.Value("networkInterfaceId", result.NetworkInterfaceId)
            .Set("assignedPrivateIpAddressesSet", result.PrivateIpAddresses, (i, a) => i.Value("privateIpAddress", a))
            .Set("assignedIpv4PrefixSet", result.Ipv4Prefixes, (i, p) => i.Value("ipv4Prefix", p));
        Return(q, x);
    }

    private void UnassignPrivateIpAddresses(QueryParameters q, Ec2Xml x)
    {
        _state.UnassignPrivateIpAddresses(q.Required("NetworkInterfaceId"), q.List("PrivateIpAddress"), q.List("Ipv4Prefix"));
        Return(q, x);
    }

    private void CreateTags(QueryParameters q, Ec2Xml x)
    {
        var tags = q.Tags("Tag").Select(t => new KeyValuePair<string, string>(t.Key, t.Value ?? "")).ToList();
        _state.CreateTags(q.List("ResourceId"), tags);
        Return(q, x);
    }

    private void DeleteTags(QueryParameters q, Ec2Xml x)
    {
        _state.DeleteTags(q.List("ResourceId"), q.Tags("Tag"));
        Return(q, x);
    }
}
