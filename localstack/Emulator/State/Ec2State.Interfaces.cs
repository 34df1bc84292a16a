using System.Globalization;

namespace Cloudnet.Emulator.State;

/// <summary>ENI lifecycle: create, attach, detach, delete, modify.</summary>
public sealed partial class Ec2State
{
    // EC2 accepts device indexes well beyond the ENI count of any type; this bound only keeps
    // materialised link names sane.
    private const int MaxDeviceIndex = 31;

    /// <summary>CreateNetworkInterface: a new available ENI with a primary address, and optionally secondaries or prefixes.</summary>
    public EniSnapshot CreateNetworkInterface(CreateEniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            Settle();
            var subnet = FindSubnet(request.SubnetId);
            var groups = GroupsIn(subnet.VpcId, request.SecurityGroupIds);

            if (request.SecondaryPrivateIpAddressCount > 0 && request.Ipv4PrefixCount > 0)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterCombination,
                    "SecondaryPrivateIpAddressCount and Ipv4PrefixCount cannot be specified together");
            }

            var slotsWanted = 1 + request.SecondaryPrivateIpAddressCount + request.Ipv4PrefixCount;
            var limits = LimitsFor(subnet, null);
            if (slotsWanted > limits.Ipv4AddressesPerInterface)
            {
                throw new Ec2Exception(Ec2ErrorCodes.PrivateIpAddressLimitExceeded,
                    $"Number of private addresses ({slotsWanted.ToString(CultureInfo.InvariantCulture)}) will exceed limit of {limits.Ipv4AddressesPerInterface.ToString(CultureInfo.InvariantCulture)}");
            }

            if (subnet.Addresses.FreeCount < 1 + request.SecondaryPrivateIpAddressCount)
            {
                throw InsufficientAddresses(subnet);
            }

            var eni = NewEni(subnet, null, groups, request.Description ?? "", _time.GetUtcNow());
            try
            {
                AddAddresses(eni, [], request.SecondaryPrivateIpAddressCount, [], request.Ipv4PrefixCount);
            }
            catch (Ec2Exception)
            {
                ReleaseAll(eni);
                _enis.Remove(eni.Id);
                throw;
            }

            foreach (var (key, value) in request.Tags)
            {
                eni.Tags[key] = value;
            }

            return Snap(eni);
        }
    }

    /// <summary>AttachNetworkInterface: returns the attachment id.</summary>
    public string AttachNetworkInterface(string networkInterfaceId, string instanceId, int deviceIndex)
    {
        lock (_gate)
        {
            Settle();
            var eni = FindEni(networkInterfaceId);
            var instance = FindInstance(instanceId);
            if (instance.StateName != "running")
            {
                throw new Ec2Exception("IncorrectInstanceState", $"The instance '{instanceId}' is not in a valid state for this operation");
            }

            if (eni.Attachment is not null)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Interface: [{eni.Id}] in use.");
            }

            if (deviceIndex is < 0 or > MaxDeviceIndex)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue,
                    $"Value ({deviceIndex.ToString(CultureInfo.InvariantCulture)}) for parameter deviceIndex is invalid");
            }

            if (eni.Subnet.VpcId != instance.Subnet.VpcId || eni.Subnet.AvailabilityZone != instance.Subnet.AvailabilityZone)
            {
                // EC2 refuses this too; the exact code it uses is not documented, this one is the closest listed.
                throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterCombination,
                    $"Interface {eni.Id} ({eni.Subnet.VpcId}, {eni.Subnet.AvailabilityZone}) and instance {instance.Id} ({instance.Subnet.VpcId}, {instance.Subnet.AvailabilityZone}) are not in the same VPC and availability zone");
            }

            var attached = AttachedTo(instance).ToList();
            if (attached.Any(e => e.Attachment!.DeviceIndex == deviceIndex))
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue,
                    $"Instance '{instance.Id}' already has an interface attached at device index '{deviceIndex.ToString(CultureInfo.InvariantCulture)}'.");
            }

            if (attached.Count >= instance.Type.MaximumNetworkInterfaces)
            {
                throw new Ec2Exception(Ec2ErrorCodes.AttachmentLimitExceeded,
                    $"Interface count {(attached.Count + 1).ToString(CultureInfo.InvariantCulture)} exceeds the limit for {instance.Type.Name}");
            }

            if (eni.UsedSlots > instance.Type.Ipv4AddressesPerInterface)
            {
                throw new Ec2Exception(Ec2ErrorCodes.PrivateIpAddressLimitExceeded,
                    $"Interface {eni.Id} has more private addresses than {instance.Type.Name} allows per interface");
            }

            eni.Attachment = new AttachmentRecord
            {
                AttachmentId = NewId("eni-attach"), Instance = instance, DeviceIndex = deviceIndex, AttachedAt = _time.GetUtcNow(),
            };
            Publish(EniChangeKind.Attached, eni);
            return eni.Attachment.AttachmentId;
        }
    }

    /// <summary>
    /// DetachNetworkInterface by attachment id. EC2 detaches asynchronously: with a
    /// <see cref="EmulatorOptions.DetachDelay"/> the attachment stays "detaching" that long.
    /// </summary>
    public void DetachNetworkInterface(string attachmentId)
    {
        lock (_gate)
        {
            Settle();
            var eni = _enis.Values.FirstOrDefault(e => e.Attachment?.AttachmentId == attachmentId)
                ?? throw new Ec2Exception(Ec2ErrorCodes.InvalidAttachmentIdNotFound, $"The interface attachment ID '{attachmentId}' does not exist");
            if (eni.Attachment!.DeviceIndex == 0)
            {
                throw new Ec2Exception(Ec2ErrorCodes.OperationNotPermitted,
                    $"The network interface at device index 0 cannot be detached ({eni.Id}).");
            }

            if (eni.Attachment.DetachingUntil is not null)
            {
                return;
            }

            Publish(EniChangeKind.Detached, eni);
            if (_options.DetachDelay > TimeSpan.Zero)
            {
                eni.Attachment.DetachingUntil = _time.GetUtcNow() + _options.DetachDelay;
            }
            else
            {
                eni.Attachment = null;
            }
        }
    }

    /// <summary>DeleteNetworkInterface: only available ENIs; their addresses and prefixes return to the subnet.</summary>
    public void DeleteNetworkInterface(string networkInterfaceId)
    {
        lock (_gate)
        {
            Settle();
            var eni = FindEni(networkInterfaceId);
            if (eni.Attachment is not null)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidNetworkInterfaceInUse, $"The network interface '{eni.Id}' is currently in use.");
            }

            ReleaseAll(eni);
            _enis.Remove(eni.Id);
        }
    }

    /// <summary>ModifyNetworkInterfaceAttribute: delete-on-termination (with the attachment id), description, security groups.</summary>
    public void ModifyNetworkInterfaceAttribute(string networkInterfaceId, ModifyEniRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            Settle();
            var eni = FindEni(networkInterfaceId);
            if (request.AttachmentId is not null || request.DeleteOnTermination is not null)
            {
                if (eni.Attachment is null || eni.Attachment.AttachmentId != request.AttachmentId)
                {
                    throw new Ec2Exception(Ec2ErrorCodes.InvalidAttachmentIdNotFound,
                        $"The interface attachment ID '{request.AttachmentId}' does not exist for interface {eni.Id}");
                }

                eni.Attachment.DeleteOnTermination = request.DeleteOnTermination
                    ?? throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter Attachment.DeleteOnTermination");
            }

            if (request.SecurityGroupIds is { Count: > 0 } groups)
            {
                var valid = GroupsIn(eni.Subnet.VpcId, groups);
                eni.SecurityGroupIds.Clear();
                eni.SecurityGroupIds.AddRange(valid);
            }

            if (request.Description is not null)
            {
                eni.Description = request.Description;
            }
        }
    }

    /// <summary>
    /// Terminates the instance as EC2 does: ENIs with delete-on-termination are deleted, the others
    /// are detached and stay (the leaks a sweep must find). <see cref="Reset"/> boots a new one.
    /// </summary>
    public void TerminateInstance()
    {
        lock (_gate)
        {
            Settle();
            foreach (var eni in AttachedTo(_instance).ToList())
            {
                if (eni.Attachment!.DetachingUntil is null)
                {
                    Publish(EniChangeKind.Detached, eni);
                }

                var delete = eni.Attachment!.DeleteOnTermination;
                eni.Attachment = null;
                if (delete)
                {
                    ReleaseAll(eni);
                    _enis.Remove(eni.Id);
                }
            }

            _instance.StateName = "terminated";
        }
    }

    /// <summary>Completes detaches whose time has come; called first under every lock.</summary>
    private void Settle()
    {
        var now = _time.GetUtcNow();
        foreach (var eni in _enis.Values)
        {
            if (eni.Attachment?.DetachingUntil is { } until && until <= now)
            {
                eni.Attachment = null;
            }
        }
    }

    private EniRecord NewEni(SubnetRecord subnet, uint? primaryIp, IEnumerable<string> groups, string description, DateTimeOffset now)
    {
        var ip = primaryIp ?? subnet.Addresses.TakeAny(_random) ?? throw InsufficientAddresses(subnet);
        var eni = new EniRecord { Id = NewId("eni"), Subnet = subnet, MacAddress = NewMac(), PrimaryIp = ip, CreatedAt = now, Description = description };
        eni.SecurityGroupIds.AddRange(groups);
        _enis.Add(eni.Id, eni);
        return eni;
    }

    private static void ReleaseAll(EniRecord eni)
    {
        eni.Subnet.Addresses.Release(eni.PrimaryIp);
        eni.SecondaryIps.ForEach(a => eni.Subnet.Addresses.Release(a.Value));
        eni.Prefixes.ForEach(p => eni.Subnet.Addresses.ReleasePrefix(p.Value, PrefixLength));
        eni.SecondaryIps.Clear();
        eni.Prefixes.Clear();
    }

    private IEnumerable<EniRecord> AttachedTo(InstanceRecord instance) =>
        _enis.Values.Where(e => e.Attachment?.Instance == instance);
}
