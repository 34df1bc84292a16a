using Cloudnet.Dataplane.Conntrack;
using Cloudnet.Dataplane.Netlink;
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
        services.TryAddSingleton<IConntrack>(_ => OpenOwnNamespace());
        services.TryAddSingleton<ConntrackFlusherMetrics>();
        services.TryAddSingleton<ConntrackFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<ConntrackFlusher>());
        return services;
    }

    /// <summary>The daemon namespace's table; a socket that cannot be opened must not stop the daemon.</summary>
    private static IConntrack OpenOwnNamespace()
    {
        try
        {
            return NetlinkConntrack.Open();
        }
        catch (NetlinkException ex)
        {
            return new Unopened($"the conntrack netlink socket could not be opened: {ex.Message}");
        }
    }

    /// <summary>Stands in for a table whose socket could not be opened: every flush says why.</summary>
    private sealed class Unopened(string reason) : IConntrack
    {
        public ConntrackFlushResult DeleteByAddresses(IReadOnlyCollection<System.Net.IPAddress> addresses) =>
            ConntrackFlushResult.Unavailable(reason);

        public IReadOnlyList<ConntrackEntry> List() => [];
    }
}
