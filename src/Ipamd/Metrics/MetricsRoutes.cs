using Cloudnet.Ipam.Pool;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>The metrics listener's route: Prometheus text at /metrics.</summary>
public static class MetricsRoutes
{
    /// <summary>Maps /metrics into <paramref name="routes"/>.</summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/metrics", async (HttpContext context, DaemonMetrics metrics, Datastore datastore) =>
        {
            metrics.SetPool(datastore.Stats, datastore.Interfaces().Count);
            context.Response.ContentType = MetricRegistry.ContentType;
            await context.Response.WriteAsync(metrics.Registry.ExportText(), context.RequestAborted).ConfigureAwait(false);
        });
}
