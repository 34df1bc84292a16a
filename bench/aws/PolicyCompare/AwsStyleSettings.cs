namespace Cloudnet.Bench.AwsPolicy;

/// <summary>
/// The AWS VPC CNI ipamd defaults the model runs with (secondary-IP mode, only WARM_ENI_TARGET set).
/// Values are from amazon-vpc-cni-k8s pkg/ipamd: ipPoolMonitorInterval 5 s, nodeIPPoolReconcileInterval
/// 60 s, datastore minENILifeTime 1 min, IP_COOLDOWN_PERIOD 30 s.
/// </summary>
public sealed record AwsStyleSettings
{
    /// <summary>WARM_ENI_TARGET. Default 1.</summary>
    public int WarmEniTarget { get; init; } = 1;

    /// <summary>Secondary addresses per ENI (EC2's per-ENI limit minus the primary); 14 on m5.xlarge.</summary>
    public required int AddressesPerEni { get; init; }

    /// <summary>ENIs the instance can have, the primary included.</summary>
    public required int MaxEnis { get; init; }

    /// <summary>The node's max pods; the pool is never "too low" once it holds this many addresses.</summary>
    public required int MaxPods { get; init; }

    /// <summary>IP_COOLDOWN_PERIOD. Default 30 s.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the pool monitor runs (ipPoolMonitorInterval). Default 5 s.</summary>
    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The IMDS reconcile runs when no pool action happened for this long (nodeIPPoolReconcileInterval). Default 60 s.</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>An ENI younger than this is never freed (minENILifeTime). Default 1 min.</summary>
    public TimeSpan MinEniLifetime { get; init; } = TimeSpan.FromMinutes(1);
}
