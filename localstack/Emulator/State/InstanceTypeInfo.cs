namespace Cloudnet.Emulator.State;

/// <summary>The network limits of one EC2 instance type, as DescribeInstanceTypes reports them.</summary>
/// <param name="Name">The type, e.g. "m5.large".</param>
/// <param name="MaximumNetworkInterfaces">ENIs the instance can have attached, the primary included.</param>
/// <param name="Ipv4AddressesPerInterface">Private IPv4 addresses per ENI, the primary included; each /28 prefix takes one of these slots.</param>
/// <param name="Ipv6AddressesPerInterface">IPv6 addresses per ENI.</param>
/// <param name="VCpus">Default vCPUs (informational).</param>
/// <param name="MemoryMiB">Memory in MiB (informational).</param>
public sealed record InstanceTypeInfo(
    string Name,
    int MaximumNetworkInterfaces,
    int Ipv4AddressesPerInterface,
    int Ipv6AddressesPerInterface,
    int VCpus,
    int MemoryMiB);
