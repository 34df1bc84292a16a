using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipam.Spool;
using Cloudnet.Ipamd.Grpc;
using Cloudnet.Ipamd.Kubernetes;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>The daemon's service graph.</summary>
internal static class DaemonServices
{
    public static void Add(IServiceCollection services, DaemonHostSettings settings, ProviderDefinition provider)
    {
        var options = settings.Options;
        var metrics = new DaemonMetrics();
        services.AddSingleton(options);
        services.AddSingleton(options.WarmPool.ToTargets());
        services.AddSingleton(provider);
        services.AddSingleton(settings.TimeProvider);
        services.AddSingleton(settings.Reconciler);
        services.AddSingleton(metrics);
        services.AddSingleton(metrics.Registry);
        services.AddSingleton(sp => new Datastore(sp.GetRequiredService<TimeProvider>(), options.IPCooldown));
        services.AddSingleton(_ => new JournaledCheckpointStore(options.CheckpointPath));
        services.AddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<JournaledCheckpointStore>());
        services.AddSingleton(new ReleaseSpool(options.SpoolDir));
        services.AddSingleton<SpoolDrain>();
        services.AddSingleton<CheckpointWriter>();
        services.AddSingleton<DaemonState>();
        services.AddSingleton<PoolSignal>();
        services.AddSingleton<PoolDemand>();
        services.AddSingleton<AssignGate>();
        services.AddSingleton<ReconcilerSignals>();
        services.AddSingleton<KeyedLock<AllocationKey>>();
        services.AddSingleton<PoolCapacity>();
        services.AddSingleton<ReplyBuilder>();
        services.AddSingleton<AddressWaiter>();
        services.AddSingleton<ListenerPorts>();
        services.AddSingleton(sp => new InstrumentedCloudProvider(sp.GetRequiredService<ICloudProvider>(), metrics));
        services.AddSingleton(sp => new Reconciler(
            sp.GetRequiredService<Datastore>(),
            sp.GetRequiredService<InstrumentedCloudProvider>(),
            sp.GetRequiredService<INodeNetwork>(),
            sp.GetRequiredService<DaemonState>(),
            sp.GetRequiredService<PoolTargets>(),
            sp.GetRequiredService<ReconcilerSettings>(),
            sp.GetRequiredService<ReconcilerSignals>(),
            sp.GetRequiredService<CheckpointWriter>(),
            metrics,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Reconciler>>()));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DaemonStartup>(sp, sp.GetRequiredService<InstrumentedCloudProvider>()));
        provider.Register(new ProviderServices(services, options, settings.Configuration));
        if (options.NodeObject.NodeName is { } nodeName)
        {
            services.AddHostedService(sp => new NodeCapacityPublisher(
                nodeName,
                () => KubernetesApi.Create(options.NodeObject),
                cancellationToken => PodCapacityAsync(sp, provider, options, cancellationToken),
                metrics,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<NodeCapacityPublisher>>()));
        }

        services.AddGrpc(o => o.EnableDetailedErrors = false);
        // Registered, so gRPC uses this one instance instead of activating a new service (and
        // resolving its eleven dependencies) on every call; the service holds no per-call state.
        services.AddSingleton<IpamService>();
        if (options.ConntrackFlush)
        {
            services.AddConntrackFlusher();
        }

        settings.ConfigureServices?.Invoke(services);
    }

    // The pods this node can address: the provider's max pods, capped by MAX_PODS when set.
    private static async Task<int?> PodCapacityAsync(IServiceProvider services, ProviderDefinition provider, Options.DaemonOptions options, CancellationToken cancellationToken)
    {
        var pods = await provider.MaxPods(services, cancellationToken).ConfigureAwait(false);
        var cap = options.WarmPool.MaxPods;
        return pods is { } p && cap > 0 && cap < p ? cap : pods;
    }
}
