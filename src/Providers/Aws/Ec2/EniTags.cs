namespace Cloudnet.Providers.Aws.Ec2;

/// <summary>Tags on every ENI cloudnet creates. The leak sweep deletes only ENIs carrying both
/// <see cref="Owner"/> = <see cref="OwnerValue"/> and <see cref="Cluster"/> = this cluster.</summary>
public static class EniTags
{
    /// <summary>Who manages the ENI.</summary>
    public const string Owner = "cloudnet.io/owner";

    /// <summary>Value of <see cref="Owner"/>.</summary>
    public const string OwnerValue = "cloudnet";

    /// <summary>The Kubernetes cluster (CLUSTER_NAME).</summary>
    public const string Cluster = "cloudnet.io/cluster";

    /// <summary>The instance the ENI was created for.</summary>
    public const string InstanceId = "cloudnet.io/instance-id";

    /// <summary>Creation time, ISO 8601 UTC ("2026-01-31T12:00:00Z").</summary>
    public const string CreatedAt = "cloudnet.io/created-at";
}
