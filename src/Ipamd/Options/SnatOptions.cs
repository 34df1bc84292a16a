using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipamd.Options;

/// <summary>Source NAT for pod traffic leaving the VPC, as AWS VPC CNI configures it.</summary>
public sealed class SnatOptions
{
    /// <summary>AWS_VPC_K8S_CNI_EXTERNALSNAT: SNAT is done outside the node (NAT gateway). Default false.</summary>
    public bool External { get; set; }

    /// <summary>AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: destinations that keep the pod's source address. Default none.</summary>
    public IReadOnlyList<Cidr> ExcludeCidrs { get; set; } = [];
}
