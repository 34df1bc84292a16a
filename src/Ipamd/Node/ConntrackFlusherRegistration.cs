using Cloudnet.Dataplane.Conntrack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cloudnet.Ipamd.Node;

/// <summary>Wires the <see cref="ConntrackFlusher"/> into the daemon's services.</summary>
public static class ConntrackFlusherRegistration
{
    /// <summary>
    /// Registers the flusher (one instance, run as a hosted service) and, unless one is already
    /// registered, the conntrack table of the daemon's own network namespace. Every provider's pods
    /// use the node's conntrack (local, aws, baremetal), so this is not provider-specific.
    /// </summary>
    public static IServiceCollection AddConntrackFlusher(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IConntrack>(_ => NetlinkConntrack.Open());
        services.TryAddSingleton<ConntrackFlusherMetrics>();
        services.TryAddSingleton<ConntrackFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<ConntrackFlusher>());
        return services;
    }
}
