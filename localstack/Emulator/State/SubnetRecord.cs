namespace Cloudnet.Emulator.State;

/// <summary>A subnet and its address allocator.</summary>
internal sealed class SubnetRecord
{
    public required string Id { get; init; }

    public required string VpcId { get; init; }

    public required string AvailabilityZone { get; init; }

    public required SubnetAllocator Addresses { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public string Cidr => Ipv4.FormatCidr(Addresses.Network, Addresses.PrefixLength);
}

/// <summary>An instance: the emulated node booted with the emulator, or one launched by RunInstances.</summary>
internal sealed class InstanceRecord
{
    public required string Id { get; init; }

    public required InstanceTypeInfo Type { get; init; }

    public required SubnetRecord Subnet { get; init; }

    public required string ImageId { get; init; }

    /// <summary>The launch (RunInstances call) it came from; instances launched together share it.</summary>
    public required string ReservationId { get; init; }

    public required DateTimeOffset LaunchTime { get; init; }

    public string StateName { get; set; } = "running";

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
