using Cloudnet.Ipamd.Hosting;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;
using Microsoft.Extensions.Configuration;

// cloudnet-ipamd: the only place that reads the environment. Every variable is bound through
// configuration into DaemonOptions (see Options/EnvironmentNames.cs for the list and defaults).
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var registry = ProviderRegistry.CreateDefault();
var read = DaemonOptionsReader.Read(configuration);
var problems = read.Errors.Concat(registry.Validate(read.Options, configuration)).ToList();
if (problems.Count > 0)
{
    await Console.Error.WriteLineAsync("cloudnet-ipamd: invalid configuration, not starting:").ConfigureAwait(false);
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync("  " + problem).ConfigureAwait(false);
    }

    return 2;
}

DaemonHost host;
try
{
    host = await DaemonHost.StartAsync(
        new DaemonHostSettings { Options = read.Options, Configuration = configuration, Registry = registry },
        CancellationToken.None).ConfigureAwait(false);
}
catch (Exception ex) when (ex is DaemonStartException or IOException or UnauthorizedAccessException)
{
    // IOException: Kestrel could not bind (address in use, socket directory not writable).
    await Console.Error.WriteLineAsync("cloudnet-ipamd: cannot start: " + ex.Message).ConfigureAwait(false);
    return 1;
}

await using (host.ConfigureAwait(false))
{
    // SIGTERM/SIGINT: the host's console lifetime trips StopRequested; StopAsync then finishes
    // in-flight calls, persists, removes the socket and releases the lock.
    var stopped = new TaskCompletionSource();
    using (host.StopRequested.Register(() => stopped.TrySetResult()))
    {
        await stopped.Task.ConfigureAwait(false);
    }

    await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
}

return 0;
