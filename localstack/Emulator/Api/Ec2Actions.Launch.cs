using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Api;

/// <summary>DescribeImages and RunInstances: enough to launch instances as an init script does.</summary>
internal sealed partial class Ec2Actions
{
    private const string ImageName = "cloudnet-emulator-node";

    private void DescribeImages(QueryParameters q, Ec2Xml x)
    {
        var images = _state.ImageIds;
        var ids = q.List("ImageId");
        var missing = ids.Where(id => !images.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidAmiIdNotFound, $"The image id '[{string.Join(", ", missing)}]' does not exist");
        }

        // Owner.N ("self", "amazon", an account id) is accepted and ignored: the one image is everybody's.
        var filters = q.Filters();
        var matching = images.Where(id => ids.Count == 0 || ids.Contains(id))
            .Where(id => FilterFields.Match(id, filters, FilterFields.Image, _ => new Dictionary<string, string>()));
        x.Set("imagesSet", matching, (i, id) => i.Value("imageId", id).Value("imageLocation", Owner + "/" + ImageName)
            .Value("imageState", "available").Value("imageOwnerId", Owner).Value("isPublic", true)
            .Value("architecture", "x86_64").Value("imageType", "machine").Value("name", ImageName)
            .Value("rootDeviceType", "ebs").Value("rootDeviceName", "/dev/xvda").Value("virtualizationType", "hvm")
            .Value("hypervisor", "xen").Value("enaSupport", true));
    }

    private void RunInstances(QueryParameters q, Ec2Xml x)
    {
        var launched = _state.RunInstances(new RunInstancesRequest(
            q.Required("ImageId"),
            q.Get("InstanceType"),
            q.Int("MinCount") ?? throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter MinCount"),
            q.Int("MaxCount") ?? throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter MaxCount"),
            q.Get("SubnetId"),
            q.List("SecurityGroupId"),
            q.TagSpecifications("instance"),
            q.TagSpecifications("network-interface")));
        Reservation(x, launched[0].ReservationId, launched, _state.Snapshot(), launching: true);
    }
}
