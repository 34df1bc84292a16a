using Cloudnet.Ipam.Pool;

namespace Cloudnet.Providers.Aws.Limits;

/// <summary>Network limits of an EC2 instance type (DescribeInstanceTypes' networkInfo).</summary>
/// <param name="InstanceType">"m5.large".</param>
/// <param name="MaxInterfaces">ENIs the type can have, the primary included.</param>
/// <param name="IPv4PerInterface">Private IPv4 addresses per ENI, the ENI's own primary included.</param>
/// <param name="VCpus">Default vCPUs (caps max pods in prefix mode).</param>
/// <param name="IsNitro">True on the Nitro hypervisor, the only one that supports prefix delegation.</param>
public sealed record InstanceTypeLimits(string InstanceType, int MaxInterfaces, int IPv4PerInterface, int VCpus, bool IsNitro)
{
    /// <summary>The pool limits in <paramref name="prefixDelegation"/> mode. Each /28 takes one of the
    /// ENI's address slots, so an ENI holds (IPv4PerInterface − 1) secondary addresses or prefixes.</summary>
    public PoolLimits ToPoolLimits(bool prefixDelegation) => new()
    {
        MaxInterfaces = MaxInterfaces,
        AddressesPerInterface = Math.Max(IPv4PerInterface - 1, 0),
        PrefixesPerInterface = prefixDelegation && IsNitro ? Math.Max(IPv4PerInterface - 1, 0) : 0,
        AddressesPerPrefix = 16,
    };
}
