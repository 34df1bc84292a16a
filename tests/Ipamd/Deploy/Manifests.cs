using k8s;
using k8s.Models;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>Kubernetes objects parsed strictly (an unknown field, e.g. a misspelt key, fails) into the client's typed models.</summary>
public sealed class Manifests
{
    private Manifests(string source, IReadOnlyList<object> objects)
    {
        Source = source;
        Objects = objects;
    }

    /// <summary>What was parsed, for messages ("overlay aws").</summary>
    public string Source { get; }

    /// <summary>Every object, in order.</summary>
    public IReadOnlyList<object> Objects { get; }

    /// <summary>The one cloudnet-node DaemonSet.</summary>
    public V1DaemonSet DaemonSet => Objects.OfType<V1DaemonSet>().Single();

    /// <summary>The daemon's container.</summary>
    public V1Container Daemon => DaemonSet.Spec.Template.Spec.Containers.Single(c => c.Name == "cloudnet-ipamd");

    /// <summary>The install-cni init container.</summary>
    public V1Container InstallCni => DaemonSet.Spec.Template.Spec.InitContainers.Single(c => c.Name == "install-cni");

    /// <summary>The daemon's service account.</summary>
    public V1ServiceAccount ServiceAccount => Objects.OfType<V1ServiceAccount>().Single(a => a.Metadata.Name == DaemonSet.Spec.Template.Spec.ServiceAccountName);

    /// <summary>The ConfigMap the daemon takes its environment from (envFrom).</summary>
    public V1ConfigMap Config
    {
        get
        {
            var name = Daemon.EnvFrom.Single().ConfigMapRef.Name;
            return Objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == name);
        }
    }

    /// <summary>The daemon's environment: the ConfigMap's entries, then the explicit env (which wins). Downward-API values are null.</summary>
    public IReadOnlyDictionary<string, string?> DaemonEnvironment
    {
        get
        {
            var env = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in Config.Data ?? new Dictionary<string, string>())
            {
                env[key] = value;
            }

            foreach (var variable in Daemon.Env ?? [])
            {
                env[variable.Name] = variable.ValueFrom is null ? variable.Value : null;
            }

            return env;
        }
    }

    /// <summary>The rules of every ClusterRole bound to the daemon's service account.</summary>
    public IReadOnlyList<V1PolicyRule> DaemonRules
    {
        get
        {
            var account = ServiceAccount;
            var roles = Objects.OfType<V1ClusterRoleBinding>()
                .Where(b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account.Metadata.Name && s.NamespaceProperty == account.Metadata.NamespaceProperty))
                .Select(b => b.RoleRef.Name)
                .ToHashSet(StringComparer.Ordinal);
            return [.. Objects.OfType<V1ClusterRole>().Where(r => roles.Contains(r.Metadata.Name)).SelectMany(r => r.Rules)];
        }
    }

    /// <summary>The hostPath of the pod volume <paramref name="volume"/>, or null.</summary>
    public string? HostPath(string volume) =>
        DaemonSet.Spec.Template.Spec.Volumes.SingleOrDefault(v => v.Name == volume)?.HostPath?.Path;

    /// <summary>Parses YAML documents.</summary>
    public static Manifests Parse(string yaml, string source) =>
        new(source, KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));

    /// <summary>Parses repository files (paths relative to the root), in order.</summary>
    public static Manifests Files(params string[] relative) =>
        Parse(string.Join("\n---\n", relative.Select(RepoFiles.Read)), string.Join(", ", relative));
}
