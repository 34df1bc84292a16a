using System.Net;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Tests.Options;

public sealed class DaemonOptionsReaderTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Read_NothingSet_DocumentedDefaults()
    {
        var result = DaemonOptionsReader.Read(Config());

        var o = result.Options;
        Assert.True(result.IsValid);
        Assert.Equal("local", o.Provider);
        Assert.Equal("/var/lib/cloudnet", o.StateDir);
        Assert.Equal("/run/cloudnet/ipamd.sock", o.SocketPath);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 61679), o.IntrospectionEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 61678), o.MetricsEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(10), o.AddWait);
        Assert.Equal(TimeSpan.FromSeconds(30), o.IPCooldown);
        Assert.Null(o.Mtu);
        Assert.Equal(1, o.WarmPool.WarmEniTarget);
        Assert.Equal(0, o.WarmPool.WarmIPTarget);
        Assert.False(o.WarmPool.PrefixDelegation);
        Assert.False(o.Snat.External);
        Assert.Equal(LogLevel.Information, o.LogLevel);
    }

    [Fact]
    public void Read_EveryVariableSet_Bound()
    {
        var result = DaemonOptionsReader.Read(Config(
            ("CLOUDNET_PROVIDER", "AWS"),
            ("CLOUDNET_STATE_DIR", "/tmp/state"),
            ("CLOUDNET_SOCKET", "/tmp/s.sock"),
            ("CLOUDNET_POOL_CIDRS", "10.1.0.0/24, 10.1.1.0/24"),
            ("CLOUDNET_INTROSPECTION_ADDR", "[::1]:7001"),
            ("CLOUDNET_METRICS_ADDR", "localhost:7002"),
            ("CLOUDNET_ADD_WAIT", "1500ms"),
            ("CLOUDNET_MTU", "9001"),
            ("CLOUDNET_LOG_LEVEL", "debug"),
            ("WARM_ENI_TARGET", "2"),
            ("WARM_IP_TARGET", "5"),
            ("MINIMUM_IP_TARGET", "10"),
            ("WARM_PREFIX_TARGET", "1"),
            ("MAX_ENI", "3"),
            ("MAX_PODS", "29"),
            ("CLOUDNET_MAX_PODS", "58"),
            ("ENABLE_PREFIX_DELEGATION", "true"),
            ("IP_COOLDOWN_PERIOD", "45"),
            ("AWS_VPC_K8S_CNI_EXTERNALSNAT", "TRUE"),
            ("AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS", "172.16.0.0/12,192.168.0.0/16"),
            ("CLUSTER_NAME", "prod")));

        var o = result.Options;
        Assert.Empty(result.Errors);
        Assert.Equal("aws", o.Provider);
        Assert.Equal(["10.1.0.0/24", "10.1.1.0/24"], o.PoolCidrs.Select(c => c.ToString()));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 7001), o.IntrospectionEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 7002), o.MetricsEndpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), o.AddWait);
        Assert.Equal(9001, o.Mtu);
        Assert.Equal(LogLevel.Debug, o.LogLevel);
        Assert.Equal((2, 5, 10, 1, 3, 58, true), (o.WarmPool.WarmEniTarget, o.WarmPool.WarmIPTarget, o.WarmPool.MinimumIPTarget,
            o.WarmPool.WarmPrefixTarget, o.WarmPool.MaxEni, o.WarmPool.MaxPods, o.WarmPool.PrefixDelegation));
        Assert.Equal(TimeSpan.FromSeconds(45), o.IPCooldown);
        Assert.True(o.Snat.External);
        Assert.Equal(2, o.Snat.ExcludeCidrs.Count);
        Assert.Equal("prod", o.ClusterName);
    }

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("250ms", 250)]
    [InlineData("2m", 120_000)]
    [InlineData("3", 3_000)]
    [InlineData("00:00:04", 4_000)]
    public void Read_AddWaitFormats_Parsed(string text, int milliseconds)
    {
        var result = DaemonOptionsReader.Read(Config(("CLOUDNET_ADD_WAIT", text)));

        Assert.Empty(result.Errors);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), result.Options.AddWait);
    }

    [Theory]
    [InlineData(null, 300_000)] // default 5 minutes
    [InlineData("90s", 90_000)]
    [InlineData("0", 0)]
    public void Read_ReleaseDelay_ParsedIntoTheTargets(string? text, int milliseconds)
    {
        var result = DaemonOptionsReader.Read(text is null ? Config() : Config(("CLOUDNET_RELEASE_DELAY", text)));

        Assert.Empty(result.Errors);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), result.Options.WarmPool.ToTargets().ReleaseDelay);
    }

    [Theory]
    [InlineData(null, null, 1_800)] // default 30 minutes
    [InlineData("1h", null, 3_600)] // a delay longer than the default cap raises the cap with it
    [InlineData(null, "2h", 7_200)]
    [InlineData("10m", "10m", 600)] // equal: the delay never changes
    public void Read_MaxReleaseDelay_ParsedIntoTheTargets(string? delay, string? max, int seconds)
    {
        var values = new List<(string, string)>();
        if (delay is not null)
        {
            values.Add(("CLOUDNET_RELEASE_DELAY", delay));
        }

        if (max is not null)
        {
            values.Add(("CLOUDNET_RELEASE_DELAY_MAX", max));
        }

        var result = DaemonOptionsReader.Read(Config([.. values]));

        Assert.Empty(result.Errors);
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.Options.WarmPool.ToTargets().MaxReleaseDelay);
    }

    [Fact]
    public void Read_MaxReleaseDelayBelowTheDelay_NamesBothVariables()
    {
        var result = DaemonOptionsReader.Read(Config(("CLOUDNET_RELEASE_DELAY", "10m"), ("CLOUDNET_RELEASE_DELAY_MAX", "5m")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("CLOUDNET_RELEASE_DELAY_MAX: 300s is shorter than CLOUDNET_RELEASE_DELAY (600s); set it to at least that, or equal to it to keep the delay fixed", error);
    }

    [Fact]
    public void Read_NodeObject_NameUrlAndKubeconfigParsed()
    {
        var result = DaemonOptionsReader.Read(Config(
            ("CLOUDNET_NODE_NAME", "ip-10-0-1-5.eu-west-1.compute.internal"),
            ("CLOUDNET_KUBE_API", "http://127.0.0.1:8001"),
            ("CLOUDNET_KUBECONFIG", "/etc/kubernetes/kubelet.conf")));

        Assert.Empty(result.Errors);
        Assert.Equal("ip-10-0-1-5.eu-west-1.compute.internal", result.Options.NodeObject.NodeName);
        Assert.Equal(new Uri("http://127.0.0.1:8001"), result.Options.NodeObject.KubeApi);
        Assert.Equal("/etc/kubernetes/kubelet.conf", result.Options.NodeObject.Kubeconfig);
    }

    [Theory]
    [InlineData(null, true)] // default: on
    [InlineData("false", false)]
    public void Read_ConntrackFlush_Parsed(string? text, bool expected)
    {
        var result = DaemonOptionsReader.Read(text is null ? Config() : Config(("CLOUDNET_CONNTRACK_FLUSH", text)));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Options.ConntrackFlush);
    }

    [Fact]
    public void Read_NodeObjectUnset_NothingToPublishOn()
    {
        var result = DaemonOptionsReader.Read(Config());

        Assert.Null(result.Options.NodeObject.NodeName);
    }

    [Theory]
    [InlineData("CLOUDNET_NODE_NAME", "Node_A", "CLOUDNET_NODE_NAME: 'Node_A' is not a Kubernetes node name")]
    [InlineData("CLOUDNET_KUBE_API", "127.0.0.1:8001", "CLOUDNET_KUBE_API: '127.0.0.1:8001' is not an http or https URL")]
    [InlineData("CLOUDNET_KUBECONFIG", "kubeconfig", "CLOUDNET_KUBECONFIG: 'kubeconfig' is not an absolute path")]
    public void Read_NodeObjectBadValue_NamesTheVariable(string name, string value, string error)
    {
        var result = DaemonOptionsReader.Read(Config((name, value)));

        Assert.Contains(result.Errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ReleaseDelayNotADuration_NamesTheVariable()
    {
        var result = DaemonOptionsReader.Read(Config(("CLOUDNET_RELEASE_DELAY", "later")));

        Assert.Contains(result.Errors, e => e.StartsWith("CLOUDNET_RELEASE_DELAY: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ManyBadValues_EveryProblemListedNamingItsVariable()
    {
        var result = DaemonOptionsReader.Read(Config(
            ("CLOUDNET_POOL_CIDRS", "10.0.0.0/33,10.0.0.0/24,10.0.0.128/25"),
            ("CLOUDNET_STATE_DIR", "relative/dir"),
            ("CLOUDNET_SOCKET", "/" + new string('s', 120)),
            ("CLOUDNET_INTROSPECTION_ADDR", "nowhere"),
            ("CLOUDNET_ADD_WAIT", "soon"),
            ("CLOUDNET_MTU", "100"),
            ("CLOUDNET_LOG_LEVEL", "loud"),
            ("WARM_IP_TARGET", "-1"),
            ("MAX_ENI", "many"),
            ("ENABLE_PREFIX_DELEGATION", "maybe"),
            ("IP_COOLDOWN_PERIOD", "30s"),
            ("AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS", "not-a-cidr")));

        Assert.Contains("CLOUDNET_POOL_CIDRS: '10.0.0.0/33' is not a CIDR (expected e.g. 10.0.0.0/24)", result.Errors);
        Assert.Contains(result.Errors, e => e.StartsWith("CLOUDNET_POOL_CIDRS: '10.0.0.128/25' overlaps", StringComparison.Ordinal));
        foreach (var name in new[]
        {
            "CLOUDNET_STATE_DIR", "CLOUDNET_SOCKET", "CLOUDNET_INTROSPECTION_ADDR", "CLOUDNET_ADD_WAIT", "CLOUDNET_MTU",
            "CLOUDNET_LOG_LEVEL", "WARM_IP_TARGET", "MAX_ENI", "ENABLE_PREFIX_DELEGATION", "IP_COOLDOWN_PERIOD",
            "AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS",
        })
        {
            Assert.Contains(result.Errors, e => e.StartsWith(name + ": ", StringComparison.Ordinal));
        }

        Assert.Equal(13, result.Errors.Count);
    }

    [Fact]
    public void Read_SameIntrospectionAndMetricsAddress_Rejected()
    {
        var result = DaemonOptionsReader.Read(Config(("CLOUDNET_INTROSPECTION_ADDR", "127.0.0.1:9000"), ("CLOUDNET_METRICS_ADDR", "127.0.0.1:9000")));

        Assert.Single(result.Errors, e => e.StartsWith("CLOUDNET_METRICS_ADDR:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownProvider_ListsKnownProviders()
    {
        var options = new DaemonOptions { Provider = "gcp" };

        var errors = ProviderRegistry.CreateDefault().Validate(options, Config());

        var error = Assert.Single(errors);
        Assert.StartsWith("CLOUDNET_PROVIDER: 'gcp' is not a known provider (known: ", error, StringComparison.Ordinal);
        Assert.Contains("local", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LocalProviderWithoutPool_NamesThePoolVariable()
    {
        var errors = ProviderRegistry.CreateDefault().Validate(new DaemonOptions(), Config());

        Assert.Contains(errors, e => e.StartsWith("CLOUDNET_POOL_CIDRS: required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LocalProviderWithPrefixDelegation_Rejected()
    {
        var options = new DaemonOptions { PoolCidrs = [Ipam.Addressing.Cidr.Parse("10.0.0.0/24")] };
        options.WarmPool.PrefixDelegation = true;

        var errors = ProviderRegistry.CreateDefault().Validate(options, Config());

        Assert.Contains(errors, e => e.StartsWith("ENABLE_PREFIX_DELEGATION:", StringComparison.Ordinal));
    }
}
