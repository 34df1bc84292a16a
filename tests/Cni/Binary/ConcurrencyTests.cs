using Cloudnet.Testing;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>50 ADDs at once, then 50 DELs at once, through the published binary against one daemon.</summary>
[Collection(CniBinaryGroup.Name)]
public sealed class ConcurrencyTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>, IDisposable
{
    private const int Pods = 50;
    private readonly HostNamespace _host = HostNamespace.Create();
    private readonly List<ThrowawayNamespace> _pods = [.. Enumerable.Range(0, Pods).Select(_ => ThrowawayNamespace.Create("cnp"))];

    [RootFact]
    public async Task AddThenDel_FiftyInParallel_DistinctAddressesAndNothingLeftBehind()
    {
        var config = fixture.Config();
        var hostBefore = _host.Snapshot();
        var allocationsBefore = await fixture.AllocationsAsync();

        var adds = await InParallel(i => _host.Run("ADD", $"par{i}", _pods[i].Path, config));

        var failedAdds = adds.Where(r => r.ExitCode != 0).Select(r => r.Stdout).ToList();
        Assert.True(failedAdds.Count == 0, string.Join("\n", failedAdds));
        var addresses = adds.Select(r => r.Result().GetProperty("ips")[0].GetProperty("address").GetString()).ToList();
        Assert.Equal(Pods, addresses.Distinct().Count());
        Assert.Equal(Pods, (await fixture.AllocationsAsync()).Count - allocationsBefore.Count);
        Assert.Equal(Pods, _host.Namespace.Ip("-o", "link", "show", "type", "veth").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var dels = await InParallel(i => _host.Run("DEL", $"par{i}", _pods[i].Path, DaemonFixture.WithPrev(config, adds[i].Stdout)));

        var failedDels = dels.Where(r => r.ExitCode != 0).Select(r => r.Stdout).ToList();
        Assert.True(failedDels.Count == 0, string.Join("\n", failedDels));
        Assert.Equal(hostBefore, _host.Snapshot());
        Assert.Equal(allocationsBefore, await fixture.AllocationsAsync());
    }

    /// <summary>Runs all at once on dedicated threads (the thread pool would trickle 50 blocking calls in).</summary>
    private static Task<CniRun[]> InParallel(Func<int, CniRun> run) =>
        Task.WhenAll(Enumerable.Range(0, Pods).Select(i =>
            Task.Factory.StartNew(() => run(i), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

    public void Dispose()
    {
        foreach (var pod in _pods)
        {
            pod.Dispose();
        }

        _host.Dispose();
    }
}
