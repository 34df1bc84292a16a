using Microsoft.Extensions.Hosting;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>A host lifetime that installs no signal handlers: for daemons hosted inside tests.</summary>
internal sealed class PassiveLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
