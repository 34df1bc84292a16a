namespace Cloudnet.Providers.Aws.Limits;

/// <summary>
/// Max pods as AWS computes them, so kubelet's --max-pods matches what the node can address.
/// Secondary-IP mode: ENIs × (IPs per ENI − 1) + 2, as in EKS's eni-max-pods.txt (the + 2 is for
/// host-network pods such as aws-node and kube-proxy). Prefix mode (Nitro only), as the
/// amazon-vpc-cni-k8s max-pods-calculator.sh does: ENIs × ((IPs per ENI − 1) × 16) + 2, capped at
/// 110 for instances with at most 30 vCPUs and at 250 above. MAX_ENI lowers the ENI count; custom
/// networking removes the primary ENI from it.
/// </summary>
public static class MaxPodsCalculator
{
    /// <summary>Kubernetes' recommended ceiling, applied to instances with ≤ 30 vCPUs in prefix mode.</summary>
    public const int LowCpuCeiling = 110;

    /// <summary>Ceiling for instances with more than 30 vCPUs in prefix mode.</summary>
    public const int HighCpuCeiling = 250;

    /// <summary>Max pods for <paramref name="limits"/>.</summary>
    /// <param name="limits">The instance type's limits.</param>
    /// <param name="prefixDelegation">ENABLE_PREFIX_DELEGATION.</param>
    /// <param name="customNetworking">Custom networking: the primary ENI serves no pods.</param>
    /// <param name="maxEni">MAX_ENI; 0 = the type's limit.</param>
    public static int Compute(InstanceTypeLimits limits, bool prefixDelegation, bool customNetworking = false, int maxEni = 0)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var enis = maxEni > 0 ? Math.Min(maxEni, limits.MaxInterfaces) : limits.MaxInterfaces;
        if (customNetworking)
        {
            enis--;
        }

        enis = Math.Max(enis, 0);
        var slots = Math.Max(limits.IPv4PerInterface - 1, 0);
        if (prefixDelegation && limits.IsNitro)
        {
            var uncapped = (enis * slots * 16) + 2;
            return Math.Min(uncapped, limits.VCpus > 30 ? HighCpuCeiling : LowCpuCeiling);
        }

        return (enis * slots) + 2;
    }
}
