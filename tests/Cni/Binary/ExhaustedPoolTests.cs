using Cloudnet.Testing;
using Cloudnet.Testing.Netns;

namespace Cloudnet.Cni.Tests.Binary;

/// <summary>A daemon with a two-address pool and a short ADD wait.</summary>
public sealed class TinyPoolDaemonFixture : IAsyncLifetime
{
    private readonly DaemonFixture _inner = new() { PoolCidrs = "10.244.250.0/30" };

    internal DaemonFixture Daemon => _inner;

    public Task InitializeAsync()
    {
        _inner.Environment["CLOUDNET_ADD_WAIT"] = "1s";
        return _inner.InitializeAsync();
    }

    public Task DisposeAsync() => _inner.DisposeAsync();
}

/// <summary>When the pool is exhausted the daemon answers ResourceExhausted: code 11, nothing left behind.</summary>
[Collection(CniBinaryGroup.Name)]
public sealed class ExhaustedPoolTests(TinyPoolDaemonFixture tiny) : IClassFixture<TinyPoolDaemonFixture>, IDisposable
{
    private readonly HostNamespace _host = HostNamespace.Create();
    private readonly List<ThrowawayNamespace> _pods = [];

    [RootFact]
    public async Task Add_PoolExhausted_Code11AndNothingChanged()
    {
        var fixture = tiny.Daemon;
        var config = fixture.Config();
        var added = new List<(string Id, ThrowawayNamespace Pod, string Result)>();
        for (var i = 0; ; i++)
        {
            var pod = ThrowawayNamespace.Create("cnp");
            _pods.Add(pod);
            var hostBefore = _host.Snapshot();
            var allocationsBefore = await fixture.AllocationsAsync();
            var run = _host.Run("ADD", $"fill{i}", pod.Path, config);
            if (run.ExitCode == 0)
            {
                added.Add(($"fill{i}", pod, run.Stdout));
                Assert.True(i < 64, "the tiny pool never ran out");
                continue;
            }

            Assert.Equal(11, run.ErrorCode(out var message));
            Assert.Contains($"fill{i}", message, StringComparison.Ordinal);
            Assert.Equal(hostBefore, _host.Snapshot());
            Assert.Equal(allocationsBefore, await fixture.AllocationsAsync());
            Assert.DoesNotContain("eth0", pod.Ip("-o", "link", "show").Stdout, StringComparison.Ordinal);
            break;
        }

        Assert.NotEmpty(added);
        foreach (var (id, pod, result) in added)
        {
            _host.Run("DEL", id, pod.Path, DaemonFixture.WithPrev(config, result)).Silent();
        }

        Assert.Empty(await fixture.AllocationsAsync());
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
