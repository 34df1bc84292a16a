using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipamd.Node;

/// <summary>How <see cref="EniNodeNetwork"/> programs the node. The initialisers are the defaults,
/// which are AWS VPC CNI's (so nodes can migrate without surprises).</summary>
public sealed record EniNetworkSettings
{
    /// <summary>MTU set on secondary ENIs (CLOUDNET_MTU). Default 9001, EC2's jumbo frames inside the VPC.</summary>
    public int Mtu { get; init; } = 9001;

    /// <summary>AWS_VPC_K8S_CNI_EXTERNALSNAT: leave SNAT to a NAT gateway. Default false (SNAT on the node).</summary>
    public bool ExternalSnat { get; init; }

    /// <summary>AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: destinations outside the VPC that keep the pod's address.</summary>
    public IReadOnlyList<Cidr> ExcludeSnatCidrs { get; init; } = [];

    /// <summary>Bit of the packet and conntrack mark that means "route by the main table" (AWS_VPC_K8S_CNI_CONNMARK). Default 0x80.</summary>
    public uint Mark { get; init; } = 0x80;

    /// <summary>Priority of <c>fwmark MARK/MARK lookup main</c>: before the pods' 1536 rules. Default 1024.</summary>
    public int MarkRulePriority { get; init; } = 1024;

    /// <summary>Priority of <c>from ENI-IP lookup TABLE</c>. Default 32765, just before the main table's 32766.</summary>
    public int EniRulePriority { get; init; } = 32765;

    /// <summary>Name of the nftables table (family ip) holding SNAT and connmark. Default "cloudnet_snat".</summary>
    public string NftTableName { get; init; } = "cloudnet_snat";

    /// <summary>Highest route table id treated as an ENI table when cleaning up (device index + 1). Default 64.</summary>
    public int MaxEniTable { get; init; } = 64;
}
