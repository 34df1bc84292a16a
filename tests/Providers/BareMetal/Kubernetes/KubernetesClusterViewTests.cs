using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Kubernetes;
using Cloudnet.Testing.Kube;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cloudnet.Providers.BareMetal.Tests.Kubernetes;

public sealed class KubernetesClusterViewTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private FakeKubeApiServer _server = null!;
    private KubernetesClusterView _view = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        _server.PutNode("n1", "192.0.2.1");
        _view = new KubernetesClusterView(KubernetesClientFactory.ForUrl(_server.BaseAddress), TimeProvider.System, NullLogger<KubernetesClusterView>.Instance);
        _running = _view.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _running);
        await _server.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task RunAsync_ListsThenFollowsWatch_NodesAndBlocks()
    {
        await Until(s => s.Synced && s.NodeAddresses.ContainsKey("n1"));

        _server.PutNode("n2", "192.0.2.2");
        await Store().TryClaimAsync(Cidr.Parse("10.244.0.64/26"), "n2", CancellationToken.None);
        var snapshot = await Until(s => s.NodeAddresses.Count == 2 && s.Blocks.Length == 1);

        Assert.Equal(IPAddress.Parse("192.0.2.2"), snapshot.NodeAddresses["n2"]);
        Assert.Equal(new BlockClaim(Cidr.Parse("10.244.0.64/26"), "n2"), snapshot.Blocks[0] with { ClaimedAt = null });

        await Store().ReleaseAsync(Cidr.Parse("10.244.0.64/26"), "n2", CancellationToken.None);
        _server.Store.Delete(KubeResource.Nodes, "n1");
        snapshot = await Until(s => s.Blocks.IsEmpty && s.NodeAddresses.Count == 1);

        Assert.True(snapshot.NodeAddresses.ContainsKey("n2"));
    }

    [Fact]
    public async Task RunAsync_WatchClosedAndHistoryCompacted_RelistsAndCatchesUp()
    {
        await Until(s => s.Synced);

        _server.Store.Compact();
        _server.Store.CloseWatches();
        _server.PutNode("n3", "192.0.2.3");
        var snapshot = await Until(s => s.NodeAddresses.ContainsKey("n3"));

        Assert.Equal(IPAddress.Parse("192.0.2.3"), snapshot.NodeAddresses["n3"]);
    }

    private KubernetesBlockStore Store() =>
        new(KubernetesClientFactory.ForUrl(_server.BaseAddress), new BlockPool([Cidr.Parse("10.244.0.0/24")]), NullLogger<KubernetesBlockStore>.Instance);

    /// <summary>Waits (bounded, 20 s) for the view to satisfy <paramref name="condition"/>.</summary>
    private async Task<ClusterSnapshot> Until(Func<ClusterSnapshot, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition(_view.Snapshot()))
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged(object? sender, EventArgs e) => changed.TrySetResult();
            _view.Changed += OnChanged;
            try
            {
                if (condition(_view.Snapshot()))
                {
                    break;
                }

                await changed.Task.WaitAsync(deadline.Token);
            }
            finally
            {
                _view.Changed -= OnChanged;
            }
        }

        return _view.Snapshot();
    }
}
