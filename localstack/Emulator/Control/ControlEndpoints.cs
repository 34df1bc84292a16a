using Cloudnet.Emulator.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Emulator.Control;

/// <summary>
/// The test-control API under /_emulator/: state (GET), calls (GET, DELETE), faults (GET, PUT,
/// DELETE), reset (POST), terminate (POST), health (GET).
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorHandle handle, ILogger logger)
    {
        var group = app.MapGroup("/_emulator");
        group.MapGet("/health", () => Results.Text("ok"));
        group.MapGet("/state", () => Results.Json(handle.State.Snapshot()));
        group.MapGet("/calls", () => Results.Json(handle.Calls.Snapshot()));
        group.MapDelete("/calls", () =>
        {
            handle.Calls.Reset();
            return Results.NoContent();
        });
        group.MapGet("/faults", () => Results.Json(handle.Faults.Settings));
        group.MapPut("/faults", async (HttpContext context) =>
        {
            FaultSettings? settings;
            try
            {
                settings = await context.Request.ReadFromJsonAsync<FaultSettings>(context.RequestAborted).ConfigureAwait(false);
                handle.Faults.Set(settings ?? throw new ArgumentException("empty body; expected fault settings JSON"));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
            {
                return Results.Problem(e.Message, statusCode: 400);
            }

            EmulatorLog.FaultsSet(logger, settings.Rules.Count, settings.Throttling.Enabled);
            return Results.Json(handle.Faults.Settings);
        });
        group.MapDelete("/faults", () =>
        {
            handle.Faults.Clear();
            return Results.NoContent();
        });
        group.MapPost("/reset", () =>
        {
            handle.Reset();
            EmulatorLog.ResetDone(logger);
            return Results.Json(handle.State.Snapshot());
        });
        group.MapPost("/terminate", () =>
        {
            handle.State.TerminateInstance();
            return Results.Json(handle.State.Snapshot());
        });
    }
}
