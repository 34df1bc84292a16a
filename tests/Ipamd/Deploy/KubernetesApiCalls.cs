using System.Text.RegularExpressions;
using Cloudnet.Providers.BareMetal.Kubernetes;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>
/// The one list of Kubernetes API permissions the daemon needs, with where each call is made.
/// <see cref="Scan"/> reads src/ for calls through the Kubernetes client, so a new call that is
/// not listed here fails a test, and so does a listed one the code no longer makes; the RBAC test
/// then holds the ClusterRole to exactly this list.
/// </summary>
public static partial class KubernetesApiCalls
{
    private const string Core = "";

    /// <summary>What every provider's daemon calls (deploy/kubernetes/base/rbac.yaml, cloudnet-node).</summary>
    public static IReadOnlyList<KubernetesApiCall> Everywhere { get; } =
    [
        // NodeCapacityPublisher: read the node (the kubelet's max pods, the published value) ...
        new(Core, "nodes", "get"),
        // ... and patch cloudnet.io/pod-ips into its status.capacity.
        new(Core, "nodes/status", "patch"),
    ];

    /// <summary>What the bare-metal provider adds (deploy/crds/rbac-baremetal.yaml, cloudnet-baremetal).</summary>
    public static IReadOnlyList<KubernetesApiCall> BareMetal { get; } =
    [
        // KubernetesNodes.PodCidrsAsync (claim mode podcidrs): this node's spec.podCIDRs.
        new(Core, "nodes", "get"),
        // KubernetesClusterView: every node's address for the BGP mesh and static routes.
        new(Core, "nodes", "list"),
        new(Core, "nodes", "watch"),
        // KubernetesBlockStore (claim mode kubernetes): create is the claim, delete the release.
        new(IpamBlockResource.Group, IpamBlockResource.Plural, "get"),
        new(IpamBlockResource.Group, IpamBlockResource.Plural, "list"),
        new(IpamBlockResource.Group, IpamBlockResource.Plural, "create"),
        new(IpamBlockResource.Group, IpamBlockResource.Plural, "delete"),
        // KubernetesClusterView: which node holds which block.
        new(IpamBlockResource.Group, IpamBlockResource.Plural, "watch"),
    ];

    /// <summary>Every permission the daemon's Kubernetes calls need, on any provider.</summary>
    public static IReadOnlyList<KubernetesApiCall> Required { get; } = [.. Everywhere.Union(BareMetal)];

    /// <summary>The calls found in src/**/*.cs: (file, client method, the permission it needs or null when it cannot be told).</summary>
    public static IReadOnlyList<(string File, string Method, KubernetesApiCall? Needs)> Scan()
    {
        var root = RepoFiles.Path("src");
        var found = new List<(string, string, KubernetesApiCall?)>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var relative = Path.GetRelativePath(RepoFiles.Root, file);
            foreach (Match call in ClientCall().Matches(text))
            {
                var group = call.Groups["api"].Value;
                var method = call.Groups["method"].Value;
                found.Add((relative, $"{group}.{method}", Needs(group, method, text)));
            }
        }

        return found;
    }

    private static KubernetesApiCall? Needs(string api, string method, string fileText)
    {
        var (verb, rest) = Verb(method);
        if (verb is null)
        {
            return null;
        }

        if (api == "CustomObjects")
        {
            // The files name the resource through IpamBlockResource's constants (G, V, P).
            return rest.Contains("ClusterCustomObject", StringComparison.Ordinal) && fileText.Contains("P = IpamBlockResource.Plural", StringComparison.Ordinal)
                ? new KubernetesApiCall(IpamBlockResource.Group, IpamBlockResource.Plural, verb)
                : null;
        }

        if (api != "CoreV1")
        {
            return null;
        }

        // ReadNode → nodes, ListNamespacedPod → pods, PatchNodeStatus → nodes/status.
        var kind = rest.Replace("Namespaced", "", StringComparison.Ordinal);
        var sub = kind.EndsWith("Status", StringComparison.Ordinal) ? "/status" : "";
        kind = sub.Length > 0 ? kind[..^"Status".Length] : kind;
        return new KubernetesApiCall(Core, kind.ToLowerInvariant() + "s" + sub, verb);
    }

    private static (string? Verb, string Remainder) Verb(string method)
    {
        foreach (var (prefix, verb) in new[] { ("WatchList", "watch"), ("Read", "get"), ("Get", "get"), ("List", "list"), ("Create", "create"), ("Delete", "delete"), ("Patch", "patch"), ("Replace", "update") })
        {
            if (method.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (verb, method[prefix.Length..]);
            }
        }

        return (null, method);
    }

    // client.CoreV1.ReadNodeAsync(, _client.CustomObjects.WatchListClusterCustomObjectAsync(, … (any receiver).
    [GeneratedRegex(@"\.(?<api>CoreV1|AppsV1|CustomObjects|CoordinationV1|NetworkingV1|DiscoveryV1|EventsV1)\.(?<method>\w+?)(?:WithHttpMessages)?Async\s*[<(]")]
    private static partial Regex ClientCall();
}
