using Cloudnet.Emulator.Control;
using Cloudnet.Emulator.Faults;
using Cloudnet.Emulator.Imds;
using Cloudnet.Emulator.Materialize;
using Cloudnet.Emulator.State;
using Microsoft.AspNetCore.Builder;

namespace Cloudnet.Emulator;

/// <summary>A running emulator. Dispose to stop it (and remove materialised links).</summary>
public sealed class EmulatorHandle : IAsyncDisposable
{
    private readonly ImdsTokens _tokens;
    private WebApplication? _app;
    private EniMaterializer? _materializer;

    internal EmulatorHandle(EmulatorOptions options, Ec2State state, FaultController faults, CallCounter calls, ImdsTokens tokens)
    {
        Options = options;
        State = state;
        Faults = faults;
        Calls = calls;
        _tokens = tokens;
    }

    /// <summary>
    /// http://host:port/ — the EC2 endpoint (ServiceURL), the IMDS endpoint
    /// (AWS_EC2_METADATA_SERVICE_ENDPOINT) and the control API under /_emulator/.
    /// </summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The options it booted with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The emulated cloud (read it with <see cref="Ec2State.Snapshot"/>).</summary>
    public Ec2State State { get; }

    /// <summary>Error, latency and throttling injection.</summary>
    public FaultController Faults { get; }

    /// <summary>EC2 calls per action.</summary>
    public CallCounter Calls { get; }

    /// <summary>Back to the boot state: ENIs, addresses, tags, faults, counts and IMDS tokens.</summary>
    public void Reset()
    {
        State.Reset();
        Faults.Clear();
        Calls.Reset();
        _tokens.Clear();
    }

    /// <summary>Completes when every attach/detach so far is mirrored in the node namespace (at once without materialisation).</summary>
    public Task WaitForMaterializationAsync(CancellationToken cancellationToken) =>
        _materializer?.DrainAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Completes when the host stops (Ctrl-C or SIGTERM for the command line).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        _app!.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the listener, then removes materialised links.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }

        if (_materializer is not null)
        {
            await _materializer.DisposeAsync().ConfigureAwait(false);
            _materializer = null;
        }
    }

    internal void Started(WebApplication app, Uri baseUri, EniMaterializer? materializer)
    {
        _app = app;
        BaseUri = baseUri;
        _materializer = materializer;
    }
}
