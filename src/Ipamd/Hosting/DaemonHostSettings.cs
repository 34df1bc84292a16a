using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Ipamd.Reconciliation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>Everything <see cref="DaemonHost"/> needs; tests replace the provider, the clock and logging.</summary>
public sealed class DaemonHostSettings
{
    /// <summary>Validated options.</summary>
    public required DaemonOptions Options { get; init; }

    /// <summary>The whole configuration, for providers' own variables. Default: empty.</summary>
    public IConfiguration Configuration { get; init; } = new ConfigurationBuilder().Build();

    /// <summary>Known providers. Default: <see cref="ProviderRegistry.CreateDefault"/>.</summary>
    public ProviderRegistry Registry { get; init; } = ProviderRegistry.CreateDefault();

    /// <summary>The clock. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reconciler timing.</summary>
    public ReconcilerSettings Reconciler { get; init; } = new();

    /// <summary>Handle SIGTERM/SIGINT (the real daemon). Tests hosting several daemons turn it off.</summary>
    public bool UseConsoleLifetime { get; init; } = true;

    /// <summary>How long a stop waits for in-flight calls. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Replaces the default logging (JSON lines on stdout with scopes).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Last word on services (tests).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
