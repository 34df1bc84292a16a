namespace Cloudnet.Ipamd.Options;

/// <summary>
/// The configuration keys the daemon reads (environment variables, bound through
/// <c>IConfiguration</c> in Program.cs). Names shared with AWS VPC CNI keep its meaning.
/// </summary>
public static class EnvironmentNames
{
    /// <summary>Which provider hands out addresses: local (default), aws, baremetal.</summary>
    public const string Provider = "CLOUDNET_PROVIDER";

    /// <summary>Directory of the checkpoint, the lock file and the release spool.</summary>
    public const string StateDir = "CLOUDNET_STATE_DIR";

    /// <summary>Path of the gRPC Unix socket.</summary>
    public const string Socket = "CLOUDNET_SOCKET";

    /// <summary>The local provider's pool: comma-separated CIDRs.</summary>
    public const string PoolCidrs = "CLOUDNET_POOL_CIDRS";

    /// <summary>host:port of the introspection JSON endpoint.</summary>
    public const string IntrospectionAddr = "CLOUDNET_INTROSPECTION_ADDR";

    /// <summary>host:port of the Prometheus endpoint.</summary>
    public const string MetricsAddr = "CLOUDNET_METRICS_ADDR";

    /// <summary>How long an ADD waits for an address when the pool is empty.</summary>
    public const string AddWait = "CLOUDNET_ADD_WAIT";

    /// <summary>MTU handed to pods.</summary>
    public const string Mtu = "CLOUDNET_MTU";

    /// <summary>Log level: trace, debug, information, warning, error, critical.</summary>
    public const string LogLevel = "CLOUDNET_LOG_LEVEL";

    /// <summary>Whole free interfaces to keep warm.</summary>
    public const string WarmEniTarget = "WARM_ENI_TARGET";

    /// <summary>Free addresses to keep warm.</summary>
    public const string WarmIPTarget = "WARM_IP_TARGET";

    /// <summary>Addresses to hold whatever the demand.</summary>
    public const string MinimumIPTarget = "MINIMUM_IP_TARGET";

    /// <summary>Free prefixes to keep warm in prefix mode.</summary>
    public const string WarmPrefixTarget = "WARM_PREFIX_TARGET";

    /// <summary>Interfaces the node may use, including the primary.</summary>
    public const string MaxEni = "MAX_ENI";

    /// <summary>Pods the node may run (AWS VPC CNI spelling).</summary>
    public const string MaxPods = "MAX_PODS";

    /// <summary>Pods the node may run (our spelling; wins over <see cref="MaxPods"/>).</summary>
    public const string CloudnetMaxPods = "CLOUDNET_MAX_PODS";

    /// <summary>Take /28 prefixes instead of single addresses.</summary>
    public const string EnablePrefixDelegation = "ENABLE_PREFIX_DELEGATION";

    /// <summary>Seconds a released address rests before reuse.</summary>
    public const string IPCooldownPeriod = "IP_COOLDOWN_PERIOD";

    /// <summary>How long a surplus must last before it is released (duration, e.g. "5m"; 0 = at once).</summary>
    public const string ReleaseDelay = "CLOUDNET_RELEASE_DELAY";

    /// <summary>Whether released pod addresses get their conntrack entries deleted (true/false).</summary>
    public const string ConntrackFlush = "CLOUDNET_CONNTRACK_FLUSH";

    /// <summary>This node's name, for publishing its pod IP capacity on the Node object.</summary>
    public const string NodeName = "CLOUDNET_NODE_NAME";

    /// <summary>The Kubernetes API server's URL (no credentials); unset: in-cluster, else the kubeconfig.</summary>
    public const string KubeApi = "CLOUDNET_KUBE_API";

    /// <summary>A kubeconfig file for the Kubernetes API outside a cluster.</summary>
    public const string Kubeconfig = "CLOUDNET_KUBECONFIG";

    /// <summary>The longest the release delay grows to after premature releases.</summary>
    public const string MaxReleaseDelay = "CLOUDNET_RELEASE_DELAY_MAX";

    /// <summary>True when SNAT is done outside the node.</summary>
    public const string ExternalSnat = "AWS_VPC_K8S_CNI_EXTERNALSNAT";

    /// <summary>Comma-separated destinations that keep the pod's source address.</summary>
    public const string ExcludeSnatCidrs = "AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS";

    /// <summary>Cluster name, used to tag cloud resources.</summary>
    public const string ClusterName = "CLUSTER_NAME";

    /// <summary>The runtime's CNI configuration directory the daemon writes its conflist into once ready; unset: none.</summary>
    public const string CniConfDir = "CLOUDNET_CNI_CONF_DIR";

    /// <summary>The conflist the daemon installs (a file ending in .conflist); unset: the built-in 10-cloudnet.conflist.</summary>
    public const string CniConflist = "CLOUDNET_CNI_CONFLIST";
}
