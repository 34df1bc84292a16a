namespace Cloudnet.Emulator.State;

/// <summary>Snapshots for the Describe* actions, IMDS and /_emulator/state; filtering happens on these, outside the lock.</summary>
public sealed partial class Ec2State
{
    /// <summary>Everything, consistent at one instant.</summary>
    public StateSnapshot Snapshot()
    {
        lock (_gate)
        {
            Settle();
            return new StateSnapshot(
                _vpc.Id,
                _vpc.Cidr,
                _securityGroups.Select(g => g.Id).ToList(),
                _subnets.Select(Snap).ToList(),
                _instances.Select(Snap).ToList(),
                _enis.Values.Select(Snap).ToList(),
                _vpcs.Select(v => new VpcSnapshot(v.Id, v.Cidr, Copy(v.Tags))).ToList(),
                _securityGroups.Select(g => new SecurityGroupSnapshot(g.Id, g.Name, g.Description, g.VpcId, Copy(g.Tags))).ToList());
        }
    }

    /// <summary>The boot VPC's tags.</summary>
    public IReadOnlyDictionary<string, string> VpcTags()
    {
        lock (_gate)
        {
            Settle();
            return Copy(_vpc.Tags);
        }
    }

    /// <summary>The instance type of the booted instance.</summary>
    public InstanceTypeInfo InstanceType
    {
        get
        {
            lock (_gate)
            {
                Settle();
                return _instance.Type;
            }
        }
    }

    /// <summary>
    /// What IMDS shows at <paramref name="now"/>: the ENIs attached to the instance at least
    /// <paramref name="lag"/> ago (the primary always), each with only the addresses and prefixes assigned at least
    /// that long ago. Detaches and unassignments show at once.
    /// </summary>
    public ImdsView ImdsViewAt(DateTimeOffset now, TimeSpan lag)
    {
        lock (_gate)
        {
            Settle();
            return ViewOf(_instance, _vpc.Cidr, now - lag);
        }
    }

    /// <summary>
    /// What the metadata service of instance <paramref name="instanceId"/> (the booted one or one
    /// launched with RunInstances) shows at <paramref name="now"/>, with the same lag rules as
    /// <see cref="ImdsViewAt(DateTimeOffset, TimeSpan)"/>. Lets a fleet simulation give every
    /// simulated node its own IMDS.
    /// </summary>
    /// <exception cref="Ec2Exception">No such instance (InvalidInstanceID.NotFound).</exception>
    public ImdsView ImdsViewAt(string instanceId, DateTimeOffset now, TimeSpan lag)
    {
        lock (_gate)
        {
            Settle();
            var instance = FindInstance(instanceId);
            return ViewOf(instance, FindVpc(instance.Subnet.VpcId).Cidr, now - lag);
        }
    }

    private ImdsView ViewOf(InstanceRecord instance, string vpcCidr, DateTimeOffset cutoff)
    {
        var enis = AttachedTo(instance)
            .Where(e => e.Attachment!.DetachingUntil is null)
            .Where(e => e.Attachment!.DeviceIndex == 0 || e.Attachment.AttachedAt <= cutoff)
            .OrderBy(e => e.Attachment!.DeviceIndex)
            .Select(e => Snap(e, cutoff))
            .ToList();
        return new ImdsView(Snap(instance), vpcCidr, _subnets.Select(Snap).ToList(), enis);
    }

    private EniSnapshot Snap(EniRecord eni) => Snap(eni, DateTimeOffset.MaxValue);

    private static EniSnapshot Snap(EniRecord eni, DateTimeOffset cutoff) => new(
        eni.Id,
        eni.Subnet.Id,
        eni.Subnet.VpcId,
        eni.Subnet.AvailabilityZone,
        eni.MacAddress,
        eni.Description,
        eni.Attachment is null ? "available" : "in-use",
        Ipv4.Format(eni.PrimaryIp),
        eni.SecondaryIps.Where(a => a.At <= cutoff).Select(a => Ipv4.Format(a.Value)).ToList(),
        eni.Prefixes.Where(a => a.At <= cutoff).Select(p => Ipv4.FormatCidr(p.Value, PrefixLength)).ToList(),
        eni.SecurityGroupIds.ToList(),
        Copy(eni.Tags),
        eni.Attachment is { } a
            ? new AttachmentSnapshot(a.AttachmentId, a.Instance.Id, a.DeviceIndex, a.DeleteOnTermination, a.AttachedAt,
                a.DetachingUntil is null ? "attached" : "detaching")
            : null,
        eni.CreatedAt);

    private static SubnetSnapshot Snap(SubnetRecord s) =>
        new(s.Id, s.VpcId, s.Cidr, s.AvailabilityZone, s.Addresses.FreeCount, Copy(s.Tags));

    private InstanceSnapshot Snap(InstanceRecord i)
    {
        var primary = AttachedTo(i).FirstOrDefault(e => e.Attachment!.DeviceIndex == 0);
        return new InstanceSnapshot(
            i.Id, i.Type.Name, i.StateName, i.ImageId, i.Subnet.AvailabilityZone, i.Subnet.Id, i.Subnet.VpcId,
            primary is null ? null : Ipv4.Format(primary.PrimaryIp), i.LaunchTime,
            Copy(i.Tags), i.ReservationId);
    }

    private static Dictionary<string, string> Copy(Dictionary<string, string> tags) => new(tags, StringComparer.Ordinal);
}
