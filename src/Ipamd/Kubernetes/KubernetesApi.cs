using Cloudnet.Ipamd.Options;
using k8s;

namespace Cloudnet.Ipamd.Kubernetes;

/// <summary>The daemon's Kubernetes client: CLOUDNET_KUBE_API, else the in-cluster service account, else a kubeconfig.</summary>
public static class KubernetesApi
{
    /// <summary>Creates the client.</summary>
    /// <exception cref="InvalidOperationException">No API server is configured; the message says how to configure one.</exception>
    public static IKubernetes Create(NodeObjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.KubeApi is { } url)
        {
            return new k8s.Kubernetes(new KubernetesClientConfiguration { Host = url.ToString() });
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            return new k8s.Kubernetes(KubernetesClientConfiguration.InClusterConfig());
        }

        var path = options.Kubeconfig ?? KubernetesClientConfiguration.KubeConfigDefaultLocation;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"no Kubernetes API server to publish on: not in a cluster (no service account), {EnvironmentNames.KubeApi} is not set, " +
                $"and there is no kubeconfig at {path} (set {EnvironmentNames.Kubeconfig}, or unset {EnvironmentNames.NodeName} to publish nothing)");
        }

        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
    }
}
