using System.Text.Json.Nodes;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Kubernetes;
using Cloudnet.Testing.Kube;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.BareMetal.Tests.Kubernetes;

public sealed class KubernetesBlockStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeKubeApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TryClaimAsync_FreeBlock_CreatesObjectNamedAfterBlockWithOwner()
    {
        var store = Store();
        var block = Cidr.Parse("10.244.0.64/26");

        Assert.True(await store.TryClaimAsync(block, "n1", Ct));

        var obj = _server.Store.Get(KubeResource.IpamBlocks, "10-244-0-64-26");
        Assert.NotNull(obj);
        Assert.Equal("10.244.0.64/26", obj["spec"]!["cidr"]!.GetValue<string>());
        Assert.Equal("n1", obj["spec"]!["node"]!.GetValue<string>());
        Assert.Equal([new BlockClaim(block, "n1")], (await store.ListAsync(Ct)).Select(c => c with { ClaimedAt = null }));
    }

    [Fact]
    public async Task TryClaimAsync_HeldByOtherNode_FalseAndUnchanged()
    {
        var store = Store();
        var block = Cidr.Parse("10.244.0.64/26");
        await store.TryClaimAsync(block, "n2", Ct);

        Assert.False(await store.TryClaimAsync(block, "n1", Ct));
        Assert.True(await store.TryClaimAsync(block, "n2", Ct));
        Assert.Equal("n2", (await store.ListAsync(Ct)).Single().Node);
    }

    [Fact]
    public async Task ReleaseAsync_OwnBlock_DeletesObject_OthersBlock_Kept()
    {
        var store = Store();
        await store.TryClaimAsync(Cidr.Parse("10.244.0.0/26"), "n1", Ct);
        await store.TryClaimAsync(Cidr.Parse("10.244.0.64/26"), "n2", Ct);

        await store.ReleaseAsync(Cidr.Parse("10.244.0.0/26"), "n1", Ct);
        await store.ReleaseAsync(Cidr.Parse("10.244.0.64/26"), "n1", Ct);
        await store.ReleaseAsync(Cidr.Parse("10.244.0.128/26"), "n1", Ct);

        var left = Assert.Single(await store.ListAsync(Ct));
        Assert.Equal("n2", left.Node);
    }

    [Fact]
    public async Task ListAsync_MalformedObject_Skipped()
    {
        _server.Store.Create(KubeResource.IpamBlocks, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "bogus" },
            ["spec"] = new JsonObject { ["cidr"] = "10.244.0.0/26", ["node"] = "n9" },
        });

        Assert.Empty(await Store().ListAsync(Ct));
    }

    [Fact]
    public async Task ListAsync_ServerGone_TransientCloudError()
    {
        var store = Store();
        await _server.DisposeAsync();

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => store.ListAsync(Ct));

        Assert.Equal(CloudErrorKind.Transient, error.Kind);
        Assert.Contains("ipamblocks.cloudnet.io", error.Message, StringComparison.Ordinal);
        _server = await FakeKubeApiServer.StartAsync();
    }

    [Fact]
    public async Task CreateInterfaceAsync_TwoNodesRacing_NeverOwnTheSameBlock()
    {
        // A small pool and identical candidate orders (same hash start is forced by using one
        // candidate list) make the two nodes collide on nearly every claim.
        var pool = new BlockPool([Cidr.Parse("10.244.0.0/22")]);
        var settingsA = TestSettings.For("node-a", pool: "10.244.0.0/22", maxBlocks: 16) with { Pool = pool };
        var settingsB = TestSettings.For("node-b", pool: "10.244.0.0/22", maxBlocks: 16) with { Pool = pool };
        using var a = TestSettings.Provider(settingsA, new SameOrderStore(Store(pool)), new FakeTimeProvider());
        using var b = TestSettings.Provider(settingsB, new SameOrderStore(Store(pool)), new FakeTimeProvider());

        var claimsA = Task.Run(() => ClaimAll(a));
        var claimsB = Task.Run(() => ClaimAll(b));
        var (gotA, gotB) = (await claimsA, await claimsB);

        Assert.Empty(gotA.Intersect(gotB));
        Assert.Equal(16, gotA.Count + gotB.Count);
        var recorded = await Store(pool).ListAsync(Ct);
        Assert.Equal(16, recorded.Count);
        Assert.All(recorded, c => Assert.Contains(c.Block, c.Node == "node-a" ? gotA : gotB));
    }

    private static async Task<List<Cidr>> ClaimAll(BareMetalCloudProvider provider)
    {
        var got = new List<Cidr>();
        while (true)
        {
            try
            {
                got.Add((await provider.CreateInterfaceAsync(Ct)).Subnet!.Value);
            }
            catch (CloudProviderException e) when (e.Kind == CloudErrorKind.Capacity)
            {
                return got;
            }
        }
    }

    private KubernetesBlockStore Store(BlockPool? pool = null) =>
        new(KubernetesClientFactory.ForUrl(_server.BaseAddress), pool ?? new BlockPool([Cidr.Parse("10.244.0.0/24")]), NullLogger<KubernetesBlockStore>.Instance);

    /// <summary>Every node tries the blocks in plain address order, so claims collide.</summary>
    private sealed class SameOrderStore(KubernetesBlockStore inner) : IBlockStore
    {
        public Task<IEnumerable<Cidr>> CandidatesAsync(string node, CancellationToken cancellationToken) => inner.CandidatesAsync("same", cancellationToken);

        public Task<IReadOnlyList<BlockClaim>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task<bool> TryClaimAsync(Cidr block, string node, CancellationToken cancellationToken) => inner.TryClaimAsync(block, node, cancellationToken);

        public Task ReleaseAsync(Cidr block, string node, CancellationToken cancellationToken) => inner.ReleaseAsync(block, node, cancellationToken);
    }
}
