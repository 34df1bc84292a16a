using System.Globalization;

namespace Cloudnet.Emulator.State;

/// <summary>
/// RunInstances: instances that exist only in EC2's view (no IMDS, as LocalStack's mock
/// instances), each running at once with a primary ENI at device index 0 in its subnet. Their
/// ENIs are never materialised; the per-type ENI and address limits apply to them as to the
/// booted instance.
/// </summary>
public sealed partial class Ec2State
{
    /// <summary>The images RunInstances accepts (DescribeImages lists them): the booted instance's.</summary>
    public IReadOnlyList<string> ImageIds
    {
        get
        {
            lock (_gate)
            {
                return [_instance.ImageId];
            }
        }
    }

    /// <summary>Launches between MinCount and MaxCount instances in one reservation; all or nothing below MinCount.</summary>
    public IReadOnlyList<InstanceSnapshot> RunInstances(RunInstancesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = CheckLaunch(request);
        lock (_gate)
        {
            Settle();
            if (request.ImageId != _instance.ImageId)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidAmiIdNotFound, $"The image id '[{request.ImageId}]' does not exist");
            }

            var subnet = FindSubnet(request.SubnetId);
            var unknown = request.SecurityGroupIds.FirstOrDefault(id => !_securityGroups.Exists(g => g.Id == id));
            if (unknown is not null)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidGroupNotFound, $"The security group '{unknown}' does not exist");
            }

            var foreign = request.SecurityGroupIds.FirstOrDefault(id => FindGroup(id).VpcId != subnet.VpcId);
            if (foreign is not null)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidParameter, $"Security group {foreign} and subnet {subnet.Id} belong to different networks.");
            }

            var count = Math.Min(request.MaxCount, subnet.Addresses.FreeCount);
            if (count < request.MinCount)
            {
                throw InsufficientAddresses(subnet);
            }

            var groups = GroupsIn(subnet.VpcId, request.SecurityGroupIds);
            var reservationId = NewId("r");
            var now = _time.GetUtcNow();
            var launched = new List<InstanceRecord>();
            for (var i = 0; i < count; i++)
            {
                var instance = new InstanceRecord
                {
                    Id = NewId("i"), Type = type, Subnet = subnet, ImageId = request.ImageId!, LaunchTime = now, ReservationId = reservationId,
                };
                SetTags(instance.Tags, request.InstanceTags);
                var primary = NewEni(subnet, null, groups, "Primary network interface", now);
                SetTags(primary.Tags, request.InterfaceTags);
                primary.Attachment = new AttachmentRecord
                {
                    AttachmentId = NewId("eni-attach"), Instance = instance, DeviceIndex = 0, AttachedAt = now, DeleteOnTermination = true,
                };
                _instances.Add(instance);
                launched.Add(instance);
            }

            return launched.Select(Snap).ToList();
        }
    }

    /// <summary>The checks that need no state: image id shape, type, counts, subnet given.</summary>
    private InstanceTypeInfo CheckLaunch(RunInstancesRequest request)
    {
        if (string.IsNullOrEmpty(request.ImageId))
        {
            throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter ImageId");
        }

        if (!request.ImageId.StartsWith("ami-", StringComparison.Ordinal))
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidAmiIdMalformed, $"Invalid id: \"{request.ImageId}\" (expecting \"ami-...\")");
        }

        if (string.IsNullOrEmpty(request.InstanceType))
        {
            throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter InstanceType (the emulator has no default type)");
        }

        if (!InstanceTypeTable.TryGet(request.InstanceType, _options.ExtraInstanceTypes, out var type))
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Invalid value '{request.InstanceType}' for InstanceType.");
        }

        if (request.MinCount < 1 || request.MaxCount < request.MinCount)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, string.Create(CultureInfo.InvariantCulture,
                $"MinCount ({request.MinCount}) must be at least 1 and at most MaxCount ({request.MaxCount})"));
        }

        if (string.IsNullOrEmpty(request.SubnetId))
        {
            // The emulator has no default VPC to launch into.
            throw new Ec2Exception(Ec2ErrorCodes.VpcResourceNotSpecified,
                "The specified instance type can only be used in a VPC. A subnet ID or network interface ID is required to carry out the request.");
        }

        return type;
    }
}
