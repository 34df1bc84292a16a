namespace Cloudnet.Ipamd.Options;

/// <summary>
/// Where the daemon publishes the node's pod IP capacity: the Kubernetes Node object named
/// <see cref="NodeName"/>, through the API server found from <see cref="KubeApi"/>, the in-cluster
/// service account or <see cref="Kubeconfig"/>. Without a node name nothing is published.
/// </summary>
public sealed class NodeObjectOptions
{
    /// <summary>CLOUDNET_NODE_NAME: this node's name (in a DaemonSet, from the downward API's
    /// spec.nodeName). Default unset: the capacity is not published.</summary>
    public string? NodeName { get; set; }

    /// <summary>CLOUDNET_KUBE_API: the API server's URL, used without credentials (a local proxy,
    /// tests). Default unset: the in-cluster service account, else <see cref="Kubeconfig"/>.</summary>
    public Uri? KubeApi { get; set; }

    /// <summary>CLOUDNET_KUBECONFIG: a kubeconfig file, used outside a cluster. Default unset:
    /// ~/.kube/config when present.</summary>
    public string? Kubeconfig { get; set; }
}
