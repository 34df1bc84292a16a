using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Kubernetes;
using Cloudnet.Testing.Kube;

namespace Cloudnet.Providers.BareMetal.Tests.Kubernetes;

/// <summary>Claim mode "podcidrs": the node's blocks are its Node.spec.podCIDRs, split into blocks.</summary>
public sealed class KubernetesNodesTests : IAsyncLifetime
{
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeKubeApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PodCidrsAsync_NodeWithPodCidrs_BecomeThisNodesBlocks()
    {
        _server.PutNode("n1", "192.0.2.1", "10.244.1.0/24");
        _server.PutNode("n2", "192.0.2.2", "10.244.2.0/24");
        var pool = new BlockPool([Cidr.Parse("10.244.0.0/16")]);

        var podCidrs = await KubernetesNodes.PodCidrsAsync(KubernetesClientFactory.ForUrl(_server.BaseAddress), "n1", CancellationToken.None);
        var store = new FixedBlockStore("n1", [.. pool.Split(podCidrs)]);

        Assert.Equal([Cidr.Parse("10.244.1.0/24")], podCidrs);
        var candidates = (await store.CandidatesAsync("n1", CancellationToken.None)).Select(c => c.ToString()).ToArray();
        Assert.Equal(["10.244.1.0/26", "10.244.1.64/26", "10.244.1.128/26", "10.244.1.192/26"], candidates);
        Assert.Empty(await store.CandidatesAsync("n2", CancellationToken.None));
        Assert.False(await store.TryClaimAsync(Cidr.Parse("10.244.2.0/26"), "n1", CancellationToken.None));
    }

    [Fact]
    public async Task PodCidrsAsync_NodeWithoutPodCidrs_NotFoundNamingTheNode()
    {
        _server.PutNode("bare", "192.0.2.9");

        var error = await Assert.ThrowsAsync<CloudProviderException>(() =>
            KubernetesNodes.PodCidrsAsync(KubernetesClientFactory.ForUrl(_server.BaseAddress), "bare", CancellationToken.None));

        Assert.Equal(CloudErrorKind.NotFound, error.Kind);
        Assert.Contains("node bare has no spec.podCIDRs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodCidrsAsync_NodeMissing_NotFound()
    {
        var error = await Assert.ThrowsAsync<CloudProviderException>(() =>
            KubernetesNodes.PodCidrsAsync(KubernetesClientFactory.ForUrl(_server.BaseAddress), "ghost", CancellationToken.None));

        Assert.Equal(CloudErrorKind.NotFound, error.Kind);
    }
}
