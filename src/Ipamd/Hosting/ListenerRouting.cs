using Microsoft.AspNetCore.Http;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>
/// Routes by listener: the Unix socket serves only gRPC, the introspection port only
/// introspection, the metrics port only /metrics. Anything else is a 404, so the root-only
/// socket never answers introspection and the loopback ports never reach gRPC.
/// </summary>
internal sealed class ListenerRouting(RequestDelegate next, ListenerPorts ports)
{
    public Task InvokeAsync(HttpContext context)
    {
        var wanted = context.GetEndpoint()?.Metadata.GetMetadata<OnListener>()?.Listener;
        if (wanted is not null && wanted != ports.ListenerOf(context.Connection))
        {
            context.SetEndpoint(null);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}

/// <summary>The bound ports, known once Kestrel has started (a configured port 0 becomes a real one).</summary>
public sealed class ListenerPorts
{
    /// <summary>Bound introspection port.</summary>
    public int Introspection { get; internal set; }

    /// <summary>Bound metrics port.</summary>
    public int Metrics { get; internal set; }

    internal Listener? ListenerOf(ConnectionInfo connection) => connection.LocalIpAddress switch
    {
        null => Listener.Grpc,
        _ when connection.LocalPort == Introspection => Listener.Introspection,
        _ when connection.LocalPort == Metrics => Listener.Metrics,
        _ => null,
    };
}
