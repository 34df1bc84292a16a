using Cloudnet.Ipam.Pool;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Cloudnet.Ipamd.Metrics;

/// <summary>The metrics listener's route: Prometheus text at /metrics.</summary>
public static class MetricsRoutes
{
    /// <summary>Maps /metrics into <paramref name="routes"/>.</summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/metrics", async (HttpContext context, DaemonMetrics metrics, Datastore datastore) =>
        {
            metrics.SetPool(datastore.Stats, datastore.Interfaces().Count);
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
}
