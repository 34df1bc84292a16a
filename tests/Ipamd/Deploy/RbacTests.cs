using k8s.Models;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>The daemon's RBAC grants exactly what its Kubernetes calls need: every call covered, nothing more.</summary>
public sealed class RbacTests
{
    private static HashSet<KubernetesApiCall> Granted(IEnumerable<V1PolicyRule> rules)
    {
        var granted = new HashSet<KubernetesApiCall>();
        foreach (var rule in rules)
        {
            Assert.True(rule.NonResourceURLs is null or { Count: 0 }, "the daemon calls no non-resource URL");
            foreach (var group in rule.ApiGroups)
            {
                foreach (var resource in rule.Resources)
                {
                    foreach (var verb in rule.Verbs)
                    {
                        Assert.False(group == "*" || resource == "*" || verb == "*", $"wildcard in a rule ({verb} {group}/{resource}): grant only what the code calls");
                        granted.Add(new KubernetesApiCall(group, resource, verb));
                    }
                }
            }
        }

        return granted;
    }

    [Fact]
    public void Scan_EveryKubernetesCallInSrc_IsInTheRequiredList()
    {
        var calls = KubernetesApiCalls.Scan();

        Assert.NotEmpty(calls);
        foreach (var (file, method, needs) in calls)
        {
            Assert.True(needs is not null, $"{file}: {method} — cannot tell which permission it needs; extend KubernetesApiCalls");
            Assert.True(KubernetesApiCalls.Required.Contains(needs), $"{file}: {method} needs {needs}, which KubernetesApiCalls.Required does not list (and so no ClusterRole grants)");
        }
    }

    [Fact]
    public void Required_EveryEntry_IsStillCalledBySomeCode()
    {
        var made = KubernetesApiCalls.Scan().Select(c => c.Needs).ToHashSet();

        foreach (var required in KubernetesApiCalls.Required)
        {
            Assert.True(made.Contains(required), $"{required} is listed but no code in src/ makes that call any more: drop it from the list and the ClusterRole");
        }
    }

    [Fact]
    public void BareMetalClusterRole_GrantsExactlyTheRequiredCalls()
    {
        var role = Manifests.Files("deploy/crds/rbac-baremetal.yaml").Objects.OfType<V1ClusterRole>().Single();

        Assert.Equal(
            KubernetesApiCalls.Required.Select(c => c.ToString()).Order(StringComparer.Ordinal),
            Granted(role.Rules).Select(c => c.ToString()).Order(StringComparer.Ordinal));
    }

    [KustomizeTheory]
    [InlineData("baremetal")]
    public void Overlay_DaemonAccount_BoundToExactlyTheRequiredCallsWithItsToken(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);

        Assert.Equal(
            KubernetesApiCalls.Required.Select(c => c.ToString()).Order(StringComparer.Ordinal),
            Granted(manifests.DaemonRules).Select(c => c.ToString()).Order(StringComparer.Ordinal));
        Assert.True(manifests.ServiceAccount.AutomountServiceAccountToken, "the bare-metal daemon calls the API server with its service account token");
        Assert.Contains(manifests.Objects.OfType<V1CustomResourceDefinition>(), c => c.Metadata.Name == "ipamblocks.cloudnet.io");
    }

    [KustomizeTheory]
    [InlineData("aws")]
    [InlineData("local")]
    public void Overlay_NoKubernetesCalls_NoRulesAndNoToken(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);

        Assert.Empty(manifests.DaemonRules);
        Assert.False(manifests.ServiceAccount.AutomountServiceAccountToken);
        Assert.Null(manifests.DaemonSet.Spec.Template.Spec.AutomountServiceAccountToken);
    }
}
