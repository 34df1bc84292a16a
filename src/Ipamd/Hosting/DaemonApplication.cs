using Cloudnet.Ipamd.Grpc;
using Cloudnet.Ipamd.Introspection;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>Builds the ASP.NET Core application: Kestrel listeners, logging, services and routes.</summary>
internal static class DaemonApplication
{
    public static (WebApplication App, KestrelListeners Listeners) Build(DaemonHostSettings settings, ProviderDefinition provider)
    {
        var options = settings.Options;
        // The empty builder: no appsettings files or watchers, no default configuration sources,
        // only what the daemon uses (Kestrel, routing, logging); it keeps start-up and memory small.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        var listeners = new KestrelListeners();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenUnixSocket(options.SocketPath, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                listeners.Socket = l;
            });
            kestrel.Listen(options.IntrospectionEndpoint, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                listeners.Introspection = l;
            });
            kestrel.Listen(options.MetricsEndpoint, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                listeners.Metrics = l;
            });
        });
        builder.WebHost.UseShutdownTimeout(settings.ShutdownTimeout);
        ConfigureLogging(builder.Logging, settings);
        if (!settings.UseConsoleLifetime)
        {
            builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        }

        DaemonServices.Add(builder.Services, settings, provider);
        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<ListenerRouting>();
        app.MapGrpcService<IpamService>().WithMetadata(new OnListener(Listener.Grpc));
        var introspection = app.MapGroup("");
        introspection.WithMetadata(new OnListener(Listener.Introspection));
        IntrospectionRoutes.Map(introspection);
        MetricsRoutes.Map(app).WithMetadata(new OnListener(Listener.Metrics));
        return (app, listeners);
    }

    private static void ConfigureLogging(ILoggingBuilder logging, DaemonHostSettings settings)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(settings.Options.LogLevel);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        if (settings.ConfigureLogging is { } configure)
        {
            configure(logging);
            return;
        }

        logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
    }
}
