using System.Diagnostics;
using Cloudnet.Emulator;
using Cloudnet.Emulator.Faults;
using Cloudnet.Emulator.State;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Bench.Fleet;

/// <summary>
/// One in-process emulator for the whole run. Before each side it is reset to its boot state, EC2's
/// throttling and latency are set (buckets start full, as for an account at rest), and the fleet's
/// instances are launched (RunInstances on the state, not through the API, so it costs no call and
/// no bucket token). Each node reads its own IMDS under /_emulator/instances/{id}/.
/// </summary>
public sealed class FleetRig(EmulatorHandle emulator, FleetSettings settings) : IAsyncDisposable
{
    /// <summary>The emulator.</summary>
    public EmulatorHandle Emulator => emulator;

    /// <summary>Starts the emulator on a free loopback port.</summary>
    public static async Task<FleetRig> StartAsync(FleetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { InstanceType = settings.InstanceType, Seed = settings.Seed, ImdsLag = settings.ImdsLag, LogLevel = LogLevel.Error },
            cancellationToken).ConfigureAwait(false);
        return new FleetRig(emulator, settings);
    }

    /// <summary>Runs one side: fresh cloud, <paramref name="count"/> nodes from <paramref name="create"/> (instance id, node index), all started at one instant.</summary>
    public async Task<FleetSideResult> RunSideAsync(
        string name, int count, Func<string, int, IFleetNode> create, Func<IReadOnlyList<IFleetNode>, string> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(notes);
        var instances = Prepare(count);
        var nodes = instances.Select((id, i) => create(id, i)).ToList();
        try
        {
            // Every node waits for the same instant, one second ahead, so creating the tasks does not stagger them.
            var origin = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
            var outcomes = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.RunAsync(origin, settings.Deadline, cancellationToken), cancellationToken))).ConfigureAwait(false);
            await Task.Delay(settings.Settle, cancellationToken).ConfigureAwait(false);
            return new FleetSideResult(name, outcomes, emulator.Calls.Snapshot(), emulator.Calls.BusiestSecond(), notes(nodes));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => emulator.DisposeAsync();

    private IReadOnlyList<string> Prepare(int count)
    {
        emulator.Reset();
        emulator.Faults.Set(new FaultSettings
        {
            Rules = [new FaultRule { Action = "*", LatencyMs = settings.LatencyMs }],
            Throttling = settings.Throttling(),
            Seed = settings.Seed,
        });
        var subnet = emulator.State.Snapshot().Subnets.OrderBy(s => s.CidrBlock, StringComparer.Ordinal).First().SubnetId;
        var launched = emulator.State.RunInstances(new RunInstancesRequest(
            emulator.State.ImageIds[0], settings.InstanceType, count, count, subnet, [], [], []));
        emulator.Calls.Reset();
        return [.. launched.Select(i => i.InstanceId)];
    }
}
