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
    public void BaseClusterRole_GrantsExactlyTheCallsOfEveryProvider()
    {
        var role = Manifests.Files("deploy/kubernetes/base/rbac.yaml").Objects.OfType<V1ClusterRole>().Single();

        Assert.Equal(Sorted(KubernetesApiCalls.Everywhere), Sorted(Granted(role.Rules)));
    }

    [Fact]
    public void Base_DaemonAccount_BoundToTheBaseRoleWithItsToken()
    {
        var manifests = Manifests.Files("deploy/kubernetes/base/serviceaccount.yaml", "deploy/kubernetes/base/rbac.yaml", "deploy/kubernetes/base/daemonset.yaml");

        Assert.Equal(Sorted(KubernetesApiCalls.Everywhere), Sorted(Granted(manifests.DaemonRules)));
        Assert.True(manifests.ServiceAccount.AutomountServiceAccountToken, "the daemon patches its Node with the service account's token");
        var nodeName = manifests.Daemon.Env.Single(e => e.Name == "CLOUDNET_NODE_NAME");
        Assert.Equal("spec.nodeName", nodeName.ValueFrom.FieldRef.FieldPath);
    }

    [Fact]
    public void BareMetalClusterRole_GrantsExactlyTheBareMetalCalls()
    {
        var role = Manifests.Files("deploy/crds/rbac-baremetal.yaml").Objects.OfType<V1ClusterRole>().Single();

        Assert.Equal(Sorted(KubernetesApiCalls.BareMetal), Sorted(Granted(role.Rules)));
    }

    [KustomizeTheory]
    [InlineData("baremetal")]
    public void Overlay_BareMetal_BoundToExactlyTheRequiredCallsWithItsToken(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);

        Assert.Equal(Sorted(KubernetesApiCalls.Required), Sorted(Granted(manifests.DaemonRules)));
        Assert.True(manifests.ServiceAccount.AutomountServiceAccountToken, "the bare-metal daemon calls the API server with its service account token");
        Assert.Contains(manifests.Objects.OfType<V1CustomResourceDefinition>(), c => c.Metadata.Name == "ipamblocks.cloudnet.io");
    }

    [KustomizeTheory]
    [InlineData("aws")]
    [InlineData("local")]
    public void Overlay_CloudOrLocal_BoundToTheCallsOfEveryProviderOnly(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);

        Assert.Equal(Sorted(KubernetesApiCalls.Everywhere), Sorted(Granted(manifests.DaemonRules)));
        Assert.True(manifests.ServiceAccount.AutomountServiceAccountToken, "the daemon patches its Node with the service account's token");
        Assert.DoesNotContain(manifests.Objects.OfType<V1CustomResourceDefinition>(), c => c.Metadata.Name == "ipamblocks.cloudnet.io");
    }

    private static IOrderedEnumerable<string> Sorted(IEnumerable<KubernetesApiCall> calls) =>
        calls.Select(c => c.ToString()).Order(StringComparer.Ordinal);
}
