namespace Cloudnet.Ipam.Pool;

/// <summary>Hard limits of the node, from the provider (instance type, subnet, configuration).</summary>
public sealed record PoolLimits
{
    /// <summary>Interfaces the node can have, including the primary.</summary>
    public required int MaxInterfaces { get; init; }

    /// <summary>Secondary addresses each interface can hold (EC2's per-ENI limit minus the primary).</summary>
    public required int AddressesPerInterface { get; init; }

    /// <summary>Delegated prefixes each interface can hold; 0 when prefixes are not supported.</summary>
    public int PrefixesPerInterface { get; init; }

    /// <summary>Addresses in one delegated prefix (16 for an AWS /28).</summary>
    public int AddressesPerPrefix { get; init; } = 16;
}
