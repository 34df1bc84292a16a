using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Testing.Fakes;

/// <summary>The fake cloud's shape. The initialisers describe a small EC2-like node.</summary>
public sealed class FakeCloudOptions
{
    /// <summary>The node's subnet; interfaces' primary addresses, secondary addresses and prefixes come from it. Default 10.0.0.0/24.</summary>
    public Cidr Subnet { get; set; } = Cidr.Parse("10.0.0.0/24");

    /// <summary>VPC CIDRs reported by describe. Default: the subnet.</summary>
    public IReadOnlyList<Cidr>? VpcCidrs { get; set; }

    /// <summary>Node limits. Default: 3 interfaces, 10 addresses and 4 prefixes (/28) each.</summary>
    public PoolLimits Limits { get; set; } = new() { MaxInterfaces = 3, AddressesPerInterface = 10, PrefixesPerInterface = 4, AddressesPerPrefix = 16 };

    /// <summary>Instance id. Default "i-0fake".</summary>
    public string NodeId { get; set; } = "i-0fake";

    /// <summary>Instance type. Default "m5.large".</summary>
    public string InstanceType { get; set; } = "m5.large";

    /// <summary>Provider name. Default "fake".</summary>
    public string Name { get; set; } = "fake";

    /// <summary>Seed of the random source behind error rates, so runs repeat. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Secondary addresses already on the primary interface at start. Default 0.</summary>
    public int InitialAddresses { get; set; }
}
