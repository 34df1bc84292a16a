using System.Net;
using Cloudnet.Emulator.Api;
using Cloudnet.Emulator.Control;
using Cloudnet.Emulator.Faults;
using Cloudnet.Emulator.Imds;
using Cloudnet.Emulator.Materialize;
using Cloudnet.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Emulator;

/// <summary>Starts the emulator: EC2 Query API on "/", IMDSv2 under "/latest/", control under "/_emulator/", one listener.</summary>
public static class EmulatorHost
{
    /// <summary>Boots the cloud and starts listening; port 0 in <see cref="EmulatorOptions.Listen"/> picks a free port.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message names the option).</exception>
    /// <exception cref="InvalidOperationException">ENI materialisation was asked for and the namespace is unusable.</exception>
    public static async Task<EmulatorHandle> StartAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = ParseListen(options.Listen);
        var state = new Ec2State(options);
        var faults = new FaultController(options.TimeProvider, options.Seed);
        var calls = new CallCounter(options.TimeProvider);
        var tokens = new ImdsTokens(options.TimeProvider);
        var handle = new EmulatorHandle(options, state, faults, calls, tokens);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        if (options.LogLevel != LogLevel.None)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(options.LogLevel);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint));
        // A call held by injected latency on a fake clock would otherwise delay Dispose by 30 s.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cloudnet.Emulator");

        EniMaterializer? materializer = null;
        if (options.MaterializeEnis)
        {
            materializer = await EniMaterializer.StartAsync(options.Netns, options.VpcNetns, state, logger, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var ec2 = new Ec2Endpoint(new Ec2Actions(state, options), faults, calls, options.TimeProvider, logger);
            var imds = new ImdsEndpoint(state, options, tokens, calls);
            app.MapMethods("/", ["GET", "POST"], ec2.HandleAsync);
            app.MapPut("/latest/api/token", imds.PutToken);
            app.MapGet("/latest/{**path}", (HttpContext context, string? path) => imds.Get(context, path ?? ""));
            app.MapPut("/_emulator/instances/{instanceId}/latest/api/token", imds.PutToken);
            app.MapGet("/_emulator/instances/{instanceId}/latest/{**path}", (HttpContext context, string instanceId, string? path) => imds.GetFor(context, instanceId, path ?? ""));
            ControlEndpoints.Map(app, handle, logger);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            if (materializer is not null)
            {
                await materializer.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        var baseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        handle.Started(app, baseUri, materializer);
        var snapshot = state.Snapshot();
        EmulatorLog.Started(logger, baseUri, snapshot.Instances[0].InstanceId, snapshot.Instances[0].InstanceType, snapshot.VpcCidrBlock);
        return handle;
    }

    /// <summary>"127.0.0.1:4566", "[::1]:0", "localhost:4566" or "0.0.0.0:4566".</summary>
    internal static IPEndPoint ParseListen(string listen)
    {
        if (IPEndPoint.TryParse(listen, out var endpoint) && listen.Contains(':', StringComparison.Ordinal))
        {
            return endpoint;
        }

        const string Localhost = "localhost:";
        if (listen.StartsWith(Localhost, StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(listen.AsSpan(Localhost.Length), System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        throw new ArgumentException($"listen address '{listen}' is not host:port (e.g. 127.0.0.1:4566, [::1]:4566, port 0 for any free port)", nameof(listen));
    }
}
