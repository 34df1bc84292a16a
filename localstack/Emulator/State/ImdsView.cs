namespace Cloudnet.Emulator.State;

/// <summary>The instance as the metadata service sees it (possibly lagging EC2).</summary>
/// <param name="Instance">The instance.</param>
/// <param name="VpcCidrBlock">The VPC's CIDR.</param>
/// <param name="Subnets">Every subnet (for subnet-ipv4-cidr-block).</param>
/// <param name="NetworkInterfaces">Attached ENIs visible in IMDS, by device index.</param>
public sealed record ImdsView(
    InstanceSnapshot Instance,
    string VpcCidrBlock,
    IReadOnlyList<SubnetSnapshot> Subnets,
    IReadOnlyList<EniSnapshot> NetworkInterfaces);
