namespace Cloudnet.Ipamd.Node;

/// <summary>GET /v1/aws: the AWS provider's view of the node.</summary>
/// <param name="InstanceId">i-….</param>
/// <param name="InstanceType">m5.large.</param>
/// <param name="Region">us-east-1.</param>
/// <param name="Mode">secondary-ip, prefix-delegation or imds-only.</param>
/// <param name="MaxPods">Max pods as AWS computes them for the mode.</param>
/// <param name="Ec2RatePerSecond">Token bucket rate.</param>
/// <param name="Ec2Burst">Token bucket capacity.</param>
/// <param name="Ec2TokensAvailable">Tokens in the bucket now.</param>
/// <param name="Ec2Endpoint">Endpoint override, if any.</param>
/// <param name="ClusterName">CLUSTER_NAME (the sweep needs it).</param>
/// <param name="LeakedEnisDeleted">ENIs the sweep has deleted since start.</param>
public sealed record EniStatus(
    string InstanceId,
    string InstanceType,
    string Region,
    string Mode,
    int MaxPods,
    double Ec2RatePerSecond,
    int Ec2Burst,
    long Ec2TokensAvailable,
    string? Ec2Endpoint,
    string? ClusterName,
    long LeakedEnisDeleted);
