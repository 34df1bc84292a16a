using k8s;

namespace Cloudnet.Providers.BareMetal.Kubernetes;

/// <summary>Builds the Kubernetes client from the settings: an explicit URL, else the in-cluster service
/// account, else a kubeconfig (the configured path or the default ~/.kube/config).</summary>
public static class KubernetesClientFactory
{
    /// <summary>Creates the client.</summary>
    public static IKubernetes Create(BareMetalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        KubernetesClientConfiguration config;
        if (settings.KubeApiServer.Length > 0)
        {
            config = new KubernetesClientConfiguration { Host = settings.KubeApiServer };
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(settings.Kubeconfig.Length > 0 ? settings.Kubeconfig : null);
        }

        return new k8s.Kubernetes(config);
    }

    /// <summary>A client for an API server at <paramref name="baseAddress"/> without credentials (tests, the fake server).</summary>
    public static IKubernetes ForUrl(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return new k8s.Kubernetes(new KubernetesClientConfiguration { Host = baseAddress.ToString() });
    }
}
