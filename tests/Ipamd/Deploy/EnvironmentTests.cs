using Cloudnet.Ipamd.Options;

namespace Cloudnet.Ipamd.Tests.Deploy;

/// <summary>Every variable the manifests set is one the daemon reads, and the daemon accepts the values.</summary>
public sealed class EnvironmentTests
{
    // Stand-ins for the downward API (spec.nodeName, status.hostIP) when validating.
    private static readonly Dictionary<string, string> Downward = new(StringComparer.Ordinal)
    {
        ["spec.nodeName"] = "node-1",
        ["status.hostIP"] = "192.0.2.10",
    };

    [Fact]
    public void ReadBy_RecordsProviderSpecificVariables()
    {
        Assert.Contains(EnvironmentNames.Socket, DaemonVariables.ReadBy("local"));
        Assert.Contains("AWS_REGION", DaemonVariables.ReadBy("aws"));
        Assert.Contains("CLOUDNET_BAREMETAL_NODE_NAME", DaemonVariables.ReadBy("baremetal"));
        Assert.DoesNotContain("CLOUDNET_BAREMETAL_NODE_NAME", DaemonVariables.ReadBy("aws"));
    }

    [Fact]
    public void BaseDaemonSet_EveryVariable_IsOneTheDaemonReads()
    {
        var daemon = Manifests.Files("deploy/kubernetes/base/daemonset.yaml").Daemon;
        var read = DaemonVariables.ReadBy(DaemonOptions.DefaultProvider);

        Assert.NotEmpty(daemon.Env);
        Assert.All(daemon.Env, v => Assert.True(read.Contains(v.Name), $"{v.Name} is set in base/daemonset.yaml but the daemon never reads it"));
    }

    [KustomizeTheory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Overlay_EveryVariable_IsOneTheDaemonReadsForItsProvider(string overlay)
    {
        var environment = Kustomize.Overlay(overlay).DaemonEnvironment;
        var provider = environment.GetValueOrDefault(EnvironmentNames.Provider);
        var read = DaemonVariables.ReadBy(provider!);

        Assert.Equal(overlay, provider);
        Assert.All(environment.Keys, name => Assert.True(read.Contains(name), $"overlay {overlay} sets {name}, which the {provider} daemon never reads"));
    }

    [KustomizeTheory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Overlay_Configuration_TheDaemonAcceptsIt(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);
        var environment = new Dictionary<string, string?>(manifests.DaemonEnvironment, StringComparer.Ordinal);
        foreach (var variable in manifests.Daemon.Env.Where(v => v.ValueFrom is not null))
        {
            Assert.True(Downward.TryGetValue(variable.ValueFrom.FieldRef.FieldPath, out var sample), $"{variable.Name}: unexpected downward API field {variable.ValueFrom.FieldRef.FieldPath}");
            environment[variable.Name] = sample;
        }

        var (problems, _) = DaemonVariables.Validate(environment);

        Assert.Empty(problems);
    }

    [KustomizeTheory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Overlay_ConfigMapAndExplicitEnv_NeverNameTheSameVariable(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);

        Assert.Empty(manifests.Config.Data.Keys.Intersect(manifests.Daemon.Env.Select(v => v.Name)));
    }
}
