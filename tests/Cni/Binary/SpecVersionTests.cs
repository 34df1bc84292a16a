using System.Net;
using System.Text.Json;
using Cloudnet.Testing;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>ADD, CHECK, DEL, DEL again through the published binary, per spec version, in throwaway namespaces.</summary>
[Collection(CniBinaryGroup.Name)]
public sealed class SpecVersionTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private readonly HostNamespace _host = HostNamespace.Create();
    private readonly List<ThrowawayNamespace> _pods = [];

    private ThrowawayNamespace Pod()
    {
        var pod = ThrowawayNamespace.Create("cnp");
        _pods.Add(pod);
        return pod;
    }

    [RootTheory]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public async Task AddCheckDelDel_EachVersion_WiresPodAndLeavesNothingBehind(string version)
    {
        var before = _host.Snapshot();
        var allocationsBefore = await fixture.AllocationsAsync();
        var pod = Pod();
        var container = $"spec{version.Replace(".", "", StringComparison.Ordinal)}";
        var config = fixture.Config(version);

        var add = _host.Run("ADD", container, pod.Path, config, cniArgs: "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web");
        var result = add.Result();

        Assert.Equal(version, result.GetProperty("cniVersion").GetString());
        var ip = result.GetProperty("ips")[0];
        Assert.Equal(version == "0.4.0", ip.TryGetProperty("version", out _));
        var sandbox = result.GetProperty("interfaces")[ip.GetProperty("interface").GetInt32()];
        Assert.Equal(pod.Path, sandbox.GetProperty("sandbox").GetString());
        Assert.Equal("eth0", sandbox.GetProperty("name").GetString());
        var address = IPAddress.Parse(ip.GetProperty("address").GetString()!.Split('/')[0]);
        Assert.Contains($"{container}/eth0={address}", await fixture.AllocationsAsync());
        Assert.Contains($"{address}/32", pod.Ip("-4", "addr", "show", "dev", "eth0").Stdout, StringComparison.Ordinal);
        Assert.True(_host.Namespace.Ping(address), $"host cannot ping pod {address}");

        _host.Run("CHECK", container, pod.Path, DaemonFixture.WithPrev(config, add.Stdout)).Silent();
        var withPrev = DaemonFixture.WithPrev(config, add.Stdout);
        _host.Run("DEL", container, pod.Path, withPrev).Silent();
        _host.Run("DEL", container, pod.Path, withPrev).Silent();

        Assert.Equal(before, _host.Snapshot());
        Assert.Equal(allocationsBefore, await fixture.AllocationsAsync());
        Assert.DoesNotContain("eth0", pod.Ip("-o", "link", "show").Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Check_AfterPodRouteRemoved_FailsNamingIt()
    {
        var pod = Pod();
        var config = fixture.Config();
        var add = _host.Run("ADD", "checkbroken", pod.Path, config);
        add.Result();
        pod.Ip("route", "del", "default").EnsureSuccess();

        var check = _host.Run("CHECK", "checkbroken", pod.Path, DaemonFixture.WithPrev(config, add.Stdout));

        Assert.Equal(102, check.ErrorCode(out var message));
        Assert.Contains("default route", message, StringComparison.Ordinal);
        _host.Run("DEL", "checkbroken", pod.Path, DaemonFixture.WithPrev(config, add.Stdout)).Silent();
        Assert.DoesNotContain("checkbroken/", string.Join(",", await fixture.AllocationsAsync()), StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Del_NetnsAlreadyGone_SucceedsAndReleases()
    {
        var before = _host.Snapshot();
        var pod = Pod();
        var config = fixture.Config();
        var add = _host.Run("ADD", "gonens", pod.Path, config);
        add.Result();
        pod.Dispose();

        _host.Run("DEL", "gonens", pod.Path, DaemonFixture.WithPrev(config, add.Stdout)).Silent();

        Assert.Equal(before, _host.Snapshot());
        Assert.DoesNotContain("gonens/", string.Join(",", await fixture.AllocationsAsync()), StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Gc_ReleasesAttachmentsNotInValidList_AndRemovesTheirHostVeths()
    {
        var config = fixture.Config("1.1.0", name: "gcnet");
        var keep = Pod();
        var stale = Pod();
        _host.Run("ADD", "gckeep", keep.Path, config).Result();
        _host.Run("ADD", "gcstale", stale.Path, config).Result();

        var gc = _host.Run(new Dictionary<string, string?> { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = "/usr/lib/cni" },
            string.Concat(config.AsSpan(0, config.Length - 1), ",\"cni.dev/valid-attachments\":[{\"containerID\":\"gckeep\",\"ifname\":\"eth0\"}]}"));

        gc.Silent();
        var allocations = string.Join(",", await fixture.AllocationsAsync());
        Assert.Contains("gckeep/", allocations, StringComparison.Ordinal);
        Assert.DoesNotContain("gcstale/", allocations, StringComparison.Ordinal);
        Assert.DoesNotContain("eth0", stale.Ip("-o", "link", "show").Stdout, StringComparison.Ordinal);
        Assert.Contains("eth0", keep.Ip("-o", "link", "show").Stdout, StringComparison.Ordinal);
        _host.Run("DEL", "gckeep", keep.Path, config).Silent();
    }

    [RootFact]
    public void Status_DaemonUp_Succeeds() =>
        _host.Run(new Dictionary<string, string?> { ["CNI_COMMAND"] = "STATUS" }, fixture.Config("1.1.0")).Silent();

    [RootFact]
    public void Version_ReportsSupportedVersions()
    {
        var run = _host.Run(new Dictionary<string, string?> { ["CNI_COMMAND"] = "VERSION" }, """{"cniVersion":"1.1.0"}""");

        var versions = run.Result().GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["0.4.0", "1.0.0", "1.1.0"], versions);
    }

    public void Dispose()
    {
        foreach (var pod in _pods)
        {
            pod.Dispose();
        }

        _host.Dispose();
    }
}
