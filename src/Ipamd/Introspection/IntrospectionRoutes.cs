using Cloudnet.Contract.Introspection;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cloudnet.Ipamd.Introspection;

/// <summary>The introspection listener's routes: /v1/*, /healthz, /readyz and registered extras.</summary>
public static class IntrospectionRoutes
{
    /// <summary>Maps every introspection route into <paramref name="routes"/>.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/healthz", () => Results.Text("ok\n"));
        routes.MapGet("/readyz", (DaemonState state) =>
            state.IsReady ? Results.Text("ready\n") : Results.Text(state.IsDraining ? "draining\n" : "starting\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        routes.MapGet("/v1/pool", Pool);
        routes.MapGet("/v1/allocations", (Datastore datastore) => Results.Json(Allocations(datastore)));
        routes.MapGet("/v1/interfaces", (Datastore datastore) => Results.Json(datastore.Interfaces().Select(ToView)));
        routes.MapGet("/v1/config", async (DaemonOptions options, ProviderDefinition provider, DaemonState state, ReconcilerSettings reconciler, HttpContext context) =>
            Results.Json(EffectiveConfig.Create(
                options, provider, state.Node, reconciler, await provider.MaxPods(context.RequestServices, context.RequestAborted).ConfigureAwait(false))));
        foreach (var extra in routes.ServiceProvider.GetServices<IntrospectionEndpoint>())
        {
            // Typed as Delegate: a lambda taking only HttpContext would bind to the RequestDelegate
            // overload, which drops the returned IResult and answers an empty 200.
            routes.MapGet(extra.Path, (Delegate)(async (HttpContext context) =>
                Results.Json(await extra.Handler(context.RequestServices, context.RequestAborted).ConfigureAwait(false))));
        }
    }

    private static IResult Pool(Datastore datastore, DaemonState state, PoolCapacity capacity, PoolDemand demand, ProviderDefinition provider, Reconciler reconciler)
    {
        var stats = datastore.Stats;
        var assigned = datastore.Allocations().GroupBy(a => a.InterfaceId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var cooling = datastore.CoolingAddresses().GroupBy(c => c.InterfaceId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var (canServe, reason) = capacity.Evaluate();
        return Results.Json(new PoolView(
            provider.Name,
            state.Node?.NodeId,
            state.IsReady,
            canServe,
            reason,
            stats.Total,
            stats.Assigned,
            stats.Available,
            stats.Cooling,
            demand.Pending,
            [.. datastore.Interfaces().Select(i => new PoolInterfaceView(
                i.Id, i.Kind.ToString(), i.DeviceIndex, i.IsPrimary, i.Addresses.Length, i.Prefixes.Length,
                assigned.GetValueOrDefault(i.Id), cooling.GetValueOrDefault(i.Id)))],
            reconciler.ReleaseDelay.TotalSeconds,
            reconciler.ReleaseDueAt));
    }

    /// <summary>The allocations as served at /v1/allocations, oldest first.</summary>
    public static IReadOnlyList<AllocationView> Allocations(Datastore datastore)
    {
        ArgumentNullException.ThrowIfNull(datastore);
        return [.. datastore.Allocations()
            .OrderBy(a => a.AllocatedAt)
            .Select(a => new AllocationView(
                a.Key.NetworkName, a.Key.ContainerId, a.Key.IfName, a.Address.ToString(), a.InterfaceId,
                a.Pod?.Namespace, a.Pod?.Name, a.Pod?.Netns, a.AllocatedAt))];
    }

    private static InterfaceView ToView(PoolInterface i) => new(
        i.Id, i.Kind.ToString(), i.DeviceIndex, i.IsPrimary, i.MacAddress, i.PrimaryAddress?.ToString(),
        i.Subnet?.ToString(), i.Gateway?.ToString(), i.RouteTable, i.ExcludedFromPods,
        [.. i.Addresses.Select(a => a.ToString())], [.. i.Prefixes.Select(p => p.ToString())]);
}
