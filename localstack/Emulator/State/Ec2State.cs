using System.Globalization;
using System.Threading.Channels;

namespace Cloudnet.Emulator.State;

/// <summary>
/// The emulated cloud: the VPC, subnets and instance it boots with (the instance IMDS serves),
/// the VPCs, subnets, security groups and instances created through the API, and every ENI, with
/// EC2's limits.
/// Pure and lock-protected; the HTTP layer translates requests into calls here. Failures are
/// <see cref="Ec2Exception"/>s carrying EC2's code, and leave the state unchanged.
/// </summary>
public sealed partial class Ec2State
{
    private readonly Lock _gate = new();
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly SortedDictionary<string, EniRecord> _enis = new(StringComparer.Ordinal);
    private readonly List<SubnetRecord> _subnets = [];
    private readonly List<VpcRecord> _vpcs = [];
    private readonly List<SecurityGroupRecord> _securityGroups = [];
    private readonly List<InstanceRecord> _instances = [];
    private Random _random = new(0);

    // The booted VPC and instance: IMDS serves this instance, and /_emulator/terminate ends it.
    private VpcRecord _vpc = null!;
    private InstanceRecord _instance = null!;

    /// <summary>Boots the cloud described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options describe an impossible cloud (named in the message).</exception>
    public Ec2State(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = options.TimeProvider;
        Boot();
    }

    /// <summary>The emulated instance's id.</summary>
    public string InstanceId
    {
        get
        {
            lock (_gate)
            {
                return _instance.Id;
            }
        }
    }

    /// <summary>Receives attach/detach changes, in state order (used by ENI materialisation).</summary>
    internal ChannelWriter<EniChange>? Changes { get; set; }

    /// <summary>Throws every ENI, address and tag away and boots again from the options and seed.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            var attached = _enis.Values.Where(e => e.Attachment is not null).ToList();
            foreach (var eni in attached)
            {
                Publish(EniChangeKind.Detached, eni);
            }

            Boot();
        }
    }

    /// <summary>Publishes an attach for every attached ENI (for a consumer that subscribes after boot).</summary>
    internal void PublishAttached()
    {
        lock (_gate)
        {
            foreach (var eni in _enis.Values.Where(e => e.Attachment is not null))
            {
                Publish(EniChangeKind.Attached, eni);
            }
        }
    }

    private void Boot()
    {
        _random = new Random(_options.Seed);
        _enis.Clear();
        _subnets.Clear();
        _vpcs.Clear();
        _securityGroups.Clear();
        _instances.Clear();
        if (!Ipv4.TryParseCidr(_options.VpcCidr, out var vpcNet, out var vpcPrefix) || vpcPrefix is < 16 or > 24)
        {
            throw new ArgumentException($"VPC CIDR '{_options.VpcCidr}' is not an IPv4 /16 to /24", nameof(_options.VpcCidr));
        }

        _vpc = new VpcRecord { Id = NewId("vpc"), Network = vpcNet, PrefixLength = vpcPrefix };
        _vpc.Tags["Name"] = "cloudnet-emulator";
        _vpcs.Add(_vpc);
        _securityGroups.Add(DefaultGroup(_vpc.Id, NewId("sg")));
        var cidrs = _options.SubnetCidrs ?? DefaultSubnets(vpcNet, vpcPrefix);
        for (var i = 0; i < cidrs.Count; i++)
        {
            _subnets.Add(NewSubnet(cidrs[i], i, vpcNet, vpcPrefix));
        }

        if (_subnets.Count == 0)
        {
            throw new ArgumentException("at least one subnet is needed (the first holds the instance)", nameof(_options.SubnetCidrs));
        }

        if (!InstanceTypeTable.TryGet(_options.InstanceType, _options.ExtraInstanceTypes, out var type))
        {
            throw new ArgumentException(
                $"instance type '{_options.InstanceType}' is unknown; known: {string.Join(", ", InstanceTypeTable.With(_options.ExtraInstanceTypes).Select(t => t.Name))}",
                nameof(_options.InstanceType));
        }

        var now = _time.GetUtcNow();
        var instanceId = NewId("i");
        _instance = new InstanceRecord
        {
            Id = instanceId, Type = type, Subnet = _subnets[0], ImageId = NewId("ami"), LaunchTime = now, ReservationId = "r-" + instanceId[2..],
        };
        _instance.Tags["Name"] = "cloudnet-emulator-node";
        _instances.Add(_instance);
        var primary = NewEni(_subnets[0], null, [_securityGroups[0].Id], "Primary network interface", now);
        primary.Attachment = new AttachmentRecord
        {
            AttachmentId = NewId("eni-attach"), Instance = _instance, DeviceIndex = 0, AttachedAt = now, DeleteOnTermination = true,
        };
        Publish(EniChangeKind.Attached, primary);
    }

    private static List<string> DefaultSubnets(uint vpcNet, int vpcPrefix)
    {
        var blockPrefix = vpcPrefix + 3;
        var blockSize = 1u << (32 - blockPrefix);
        return
        [
            Ipv4.FormatCidr(vpcNet, blockPrefix),
            Ipv4.FormatCidr(vpcNet + blockSize, blockPrefix),
            Ipv4.FormatCidr(vpcNet + (2 * blockSize), Math.Max(blockPrefix, 27)),
        ];
    }

    private SubnetRecord NewSubnet(string cidr, int index, uint vpcNet, int vpcPrefix)
    {
        if (!Ipv4.TryParseCidr(cidr, out var net, out var prefix) || prefix is < 16 or > 28)
        {
            throw new ArgumentException($"subnet CIDR '{cidr}' is not an IPv4 /16 to /28", nameof(cidr));
        }

        var vpcMask = uint.MaxValue << (32 - vpcPrefix);
        if ((net & vpcMask) != vpcNet || prefix < vpcPrefix)
        {
            throw new ArgumentException($"subnet CIDR '{cidr}' is not inside the VPC {_vpc.Cidr}", nameof(cidr));
        }

        var size = 1L << (32 - prefix);
        var overlap = _subnets.FirstOrDefault(s =>
            net < (long)s.Addresses.Network + (1L << (32 - s.Addresses.PrefixLength)) && s.Addresses.Network < net + size);
        if (overlap is not null)
        {
            throw new ArgumentException($"subnet CIDR '{cidr}' overlaps subnet {overlap.Cidr}", nameof(cidr));
        }

        var subnet = new SubnetRecord
        {
            Id = NewId("subnet"), VpcId = _vpc.Id, AvailabilityZone = _options.AvailabilityZone,
            Addresses = new SubnetAllocator(net, prefix),
        };
        subnet.Tags["Name"] = index switch { 0 => "primary", 1 => "pods", 2 => "small", _ => "subnet-" + index.ToString(CultureInfo.InvariantCulture) };
        return subnet;
    }

    private static SecurityGroupRecord DefaultGroup(string vpcId, string id) =>
        new() { Id = id, VpcId = vpcId, Name = "default", Description = "default VPC security group" };

    /// <summary>A new id "prefix-" + 17 hex digits, from the seeded random.</summary>
    private string NewId(string prefix)
    {
        Span<byte> bytes = stackalloc byte[9];
        _random.NextBytes(bytes);
        return prefix + "-" + Convert.ToHexStringLower(bytes)[..17];
    }

    private string NewMac()
    {
        Span<byte> bytes = stackalloc byte[5];
        _random.NextBytes(bytes);
        return "02:" + string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>Tells the materialiser; only the booted instance's ENIs are mirrored (the others have no node).</summary>
    private void Publish(EniChangeKind kind, EniRecord eni)
    {
        if (eni.Attachment?.Instance == _instance)
        {
            Changes?.TryWrite(new EniChange(kind, eni.Id, eni.MacAddress, eni.Attachment?.DeviceIndex ?? -1,
                Ipv4.Format(eni.PrimaryIp), eni.Subnet.Addresses.PrefixLength));
        }
    }
}
