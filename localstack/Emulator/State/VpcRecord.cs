namespace Cloudnet.Emulator.State;

/// <summary>A VPC: its CIDR and tags. Owned by <see cref="Ec2State"/> and touched only under its lock.</summary>
internal sealed class VpcRecord
{
    public required string Id { get; init; }

    public required uint Network { get; init; }

    public required int PrefixLength { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public string Cidr => Ipv4.FormatCidr(Network, PrefixLength);

    /// <summary>Whether <paramref name="network"/>/<paramref name="prefixLength"/> lies inside this VPC's CIDR.</summary>
    public bool Contains(uint network, int prefixLength) =>
        prefixLength >= PrefixLength && (network & (uint.MaxValue << (32 - PrefixLength))) == Network;
}

/// <summary>A security group of one VPC (rules are not modelled: nothing the emulator does filters packets).</summary>
internal sealed class SecurityGroupRecord
{
    public required string Id { get; init; }

    public required string VpcId { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}
