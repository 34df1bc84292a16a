using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.State;
using Cloudnet.Testing;
using Cloudnet.Testing.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Ipamd.Tests.Support;

/// <summary>The real reconciler wired to a fake cloud, a fake clock and an in-memory checkpoint.</summary>
public sealed class ReconcilerRig : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;

    public ReconcilerRig(WarmPoolOptions? targets = null, FakeCloudOptions? cloud = null, ReconcilerSettings? settings = null)
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs));
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Cloud = new FakeCloudProvider(cloud, Time);
        Datastore = new Datastore(Time, TimeSpan.FromSeconds(30));
        Store = new MemoryCheckpointStore();
        Checkpoint = new CheckpointWriter(Datastore, Store);
        State = new DaemonState();
        Metrics = new DaemonMetrics();
        Signals = new ReconcilerSignals(new PoolSignal(), new PoolDemand(), new AssignGate(Datastore));
        Settings = settings ?? new ReconcilerSettings();
        Reconciler = new Reconciler(
            Datastore,
            new InstrumentedCloudProvider(Cloud, Metrics),
            new NoNodeNetwork(),
            State,
            (targets ?? new WarmPoolOptions()).ToTargets(),
            Settings,
            Signals,
            Checkpoint,
            Metrics,
            Time,
            _loggers.CreateLogger<Reconciler>());
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The reconciler's log events.</summary>
    public CapturedLogs Logs { get; } = new();

    public FakeCloudProvider Cloud { get; }

    public Datastore Datastore { get; }

    public MemoryCheckpointStore Store { get; }

    public CheckpointWriter Checkpoint { get; }

    public DaemonState State { get; }

    public DaemonMetrics Metrics { get; }

    public ReconcilerSignals Signals { get; }

    public ReconcilerSettings Settings { get; }

    public Reconciler Reconciler { get; }

    public Task<ReconcileOutcome> RunAsync(bool describe = false) => Reconciler.RunOnceAsync(describe, CancellationToken.None);

    /// <summary>Addresses (secondary plus prefix members) the cloud says the node holds.</summary>
    public HashSet<System.Net.IPAddress> CloudAddresses() =>
        [.. Cloud.Snapshot().Interfaces.SelectMany(i => i.Addresses.Concat(i.Prefixes.SelectMany(Expand)))];

    /// <summary>The same count from the datastore's view.</summary>
    public int DatastoreAddresses() =>
        Datastore.Interfaces().Sum(i => i.Addresses.Length + i.Prefixes.Sum(p => (int)p.Size));

    public async ValueTask DisposeAsync()
    {
        await Reconciler.DisposeAsync();
        _loggers.Dispose();
    }

    private static IEnumerable<System.Net.IPAddress> Expand(Ipam.Addressing.Cidr prefix)
    {
        for (UInt128 i = 0; i < prefix.Size; i++)
        {
            yield return prefix.AddressAt(i);
        }
    }
}
