using Cloudnet.Dataplane.Netlink;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipamd.Introspection;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Providers.BareMetal;
using Cloudnet.Providers.BareMetal.Blocks;
using Cloudnet.Providers.BareMetal.Kubernetes;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>
/// CLOUDNET_PROVIDER=baremetal: blocks of a cluster pool (claimed through the Kubernetes API, taken
/// from Node.spec.podCIDRs, or from local configuration) with blackhole routes, announced by BIRD or
/// routed statically. Variables: CLOUDNET_BAREMETAL_* (<see cref="BareMetalOptions"/>).
/// </summary>
public static class BareMetalProvider
{
    /// <summary>The provider's definition for the registry.</summary>
    public static ProviderDefinition Definition() => new()
    {
        Name = "baremetal",
        Description = "blocks of a cluster pool, routed by BGP (BIRD) or static routes",
        DefaultMtu = 1500,
        Validate = static (_, configuration) => BareMetalOptionsBinder.Read(configuration).Errors,
        Register = static context => Register(context),
    };

    private static void Register(ProviderServices context)
    {
        var settings = BareMetalOptionsBinder.Read(context.Configuration).Settings
            ?? throw new InvalidOperationException("bare-metal options were not validated");
        var services = context.Services;
        services.AddSingleton(settings);
        services.AddSingleton(new BareMetalMetrics());
        services.AddSingleton(sp => MeterBridge(sp.GetRequiredService<DaemonMetrics>(), sp.GetRequiredService<BareMetalMetrics>()));
        if (settings.UsesKubernetes)
        {
            services.AddSingleton(_ => KubernetesClientFactory.Create(settings));
            services.AddSingleton(sp => new KubernetesClusterView(
                sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KubernetesClusterView>>()));
            services.AddHostedService(sp => new ClusterViewService(
                sp.GetRequiredService<KubernetesClusterView>(), sp.GetRequiredService<IBlockRouting>(), sp.GetRequiredService<ILogger<ClusterViewService>>()));
        }

        services.AddSingleton<IBlockStore>(sp => settings.ClaimMode switch
        {
            BlockClaimMode.Kubernetes => new KubernetesBlockStore(sp.GetRequiredService<IKubernetes>(), settings.Pool, sp.GetRequiredService<ILogger<KubernetesBlockStore>>()),
            BlockClaimMode.PodCidrs => new FixedBlockStore(settings.NodeName, async ct =>
                [.. settings.Pool.Split(await KubernetesNodes.PodCidrsAsync(sp.GetRequiredService<IKubernetes>(), settings.NodeName, ct).ConfigureAwait(false))]),
            _ => new FixedBlockStore(settings.NodeName, settings.LocalBlocks),
        });
        services.AddSingleton<ICloudProvider>(sp =>
        {
            _ = sp.GetRequiredService<BareMetalMeterBridge>();
            return new BareMetalCloudProvider(settings, sp.GetRequiredService<IBlockStore>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BareMetalCloudProvider>>(), sp.GetRequiredService<BareMetalMetrics>());
        });
        services.AddSingleton<INetlink>(_ => NetlinkSocket.Open());
        var view = static (IServiceProvider sp) => sp.GetService<KubernetesClusterView>();
        switch (settings.Routing)
        {
            case RoutingMode.Bgp:
                services.AddSingleton(sp => new BirdRouting(settings, view(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BirdRouting>>()));
                services.AddSingleton<IBlockRouting>(sp => sp.GetRequiredService<BirdRouting>());
                services.AddHostedService(sp => new BgpStatusService(
                    sp.GetRequiredService<BirdRouting>(), settings, sp.GetRequiredService<DaemonMetrics>().Registry, sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton(new IntrospectionEndpoint("/v1/bgp", (sp, _) => Task.FromResult<object?>(sp.GetRequiredService<BirdRouting>().Status())));
                break;
            case RoutingMode.Static:
                services.AddSingleton(sp => new StaticRouting(settings, sp.GetRequiredService<INetlink>(), view(sp), sp.GetRequiredService<ILogger<StaticRouting>>()));
                services.AddSingleton<IBlockRouting>(sp => sp.GetRequiredService<StaticRouting>());
                services.AddSingleton(new IntrospectionEndpoint("/v1/bgp", (sp, _) => Task.FromResult<object?>(sp.GetRequiredService<StaticRouting>().Status())));
                break;
            default:
                services.AddSingleton<IBlockRouting, NoBlockRouting>();
                services.AddSingleton(new IntrospectionEndpoint("/v1/bgp", (_, _) => Task.FromResult<object?>(
                    new BgpStatus("none", null, 0, [], [], false, [], [], null, null))));
                break;
        }

        services.AddSingleton<INodeNetwork>(sp => new BlockNodeNetwork(
            sp.GetRequiredService<INetlink>(), sp.GetRequiredService<IBlockRouting>(), sp.GetRequiredService<ILogger<BlockNodeNetwork>>()));
    }

    // Publishes the provider's counters (pool exhaustion, claims, owned blocks) in the daemon's
    // Prometheus registry, read from BareMetalMetrics at each scrape.
    private static BareMetalMeterBridge MeterBridge(DaemonMetrics metrics, BareMetalMetrics source)
    {
        var f = metrics.Registry;
        var exhausted = f.CreateCounter("cloudnet_baremetal_pool_exhausted_total", "Block claims that failed because the pool had no free block.");
        var claims = f.CreateCounter("cloudnet_baremetal_block_claims_total", "Blocks claimed by this node.");
        var conflicts = f.CreateCounter("cloudnet_baremetal_block_claim_conflicts_total", "Block claims lost to another node (409 Conflict).");
        var releases = f.CreateCounter("cloudnet_baremetal_block_releases_total", "Blocks returned to the pool after the grace period.");
        var owned = f.CreateGauge("cloudnet_baremetal_blocks_owned", "Blocks this node holds.");
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            exhausted.IncTo(source.PoolExhaustedCount);
            claims.IncTo(source.ClaimCount);
            conflicts.IncTo(source.ClaimConflictCount);
            releases.IncTo(source.ReleaseCount);
            owned.Set(source.OwnedBlocks);
        });
        return new BareMetalMeterBridge();
    }

    /// <summary>Marks that the provider's metrics are published (resolved once, with the provider).</summary>
    private sealed class BareMetalMeterBridge;
}
