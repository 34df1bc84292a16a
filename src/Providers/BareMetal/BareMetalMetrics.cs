using System.Diagnostics.Metrics;

namespace Cloudnet.Providers.BareMetal;

/// <summary>
/// The provider's instruments (System.Diagnostics.Metrics, meter <see cref="MeterName"/>); the daemon's
/// Prometheus exporter publishes them with the <c>cloudnet_</c> prefix.
/// </summary>
public sealed class BareMetalMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Cloudnet.BareMetal";

    private readonly Meter _meter;
    private readonly Counter<long> _poolExhausted;
    private readonly Counter<long> _claims;
    private readonly Counter<long> _claimConflicts;
    private readonly Counter<long> _releases;
    private int _ownedBlocks;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or a private meter when null.</summary>
    public BareMetalMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _poolExhausted = _meter.CreateCounter<long>("cloudnet_baremetal_pool_exhausted", description: "Block claims that failed because the pool had no free block");
        _claims = _meter.CreateCounter<long>("cloudnet_baremetal_block_claims", description: "Blocks claimed by this node");
        _claimConflicts = _meter.CreateCounter<long>("cloudnet_baremetal_block_claim_conflicts", description: "Claims lost to another node (409 Conflict)");
        _releases = _meter.CreateCounter<long>("cloudnet_baremetal_block_releases", description: "Blocks returned to the pool after the grace period");
        _meter.CreateObservableGauge("cloudnet_baremetal_blocks_owned", () => Volatile.Read(ref _ownedBlocks), description: "Blocks this node holds");
    }

    /// <summary>The underlying meter (tests listen to it).</summary>
    public Meter Meter => _meter;

    private long _exhaustedCount;
    private long _claimCount;
    private long _conflictCount;
    private long _releaseCount;

    /// <summary>Claims that failed because the pool had no free block, since start.</summary>
    public long PoolExhaustedCount => Interlocked.Read(ref _exhaustedCount);

    /// <summary>Blocks claimed since start.</summary>
    public long ClaimCount => Interlocked.Read(ref _claimCount);

    /// <summary>Claims lost to another node since start.</summary>
    public long ClaimConflictCount => Interlocked.Read(ref _conflictCount);

    /// <summary>Blocks returned since start.</summary>
    public long ReleaseCount => Interlocked.Read(ref _releaseCount);

    /// <summary>Blocks held now.</summary>
    public int OwnedBlocks => Volatile.Read(ref _ownedBlocks);

    internal void PoolExhausted()
    {
        Interlocked.Increment(ref _exhaustedCount);
        _poolExhausted.Add(1);
    }

    internal void Claimed()
    {
        Interlocked.Increment(ref _claimCount);
        _claims.Add(1);
    }

    internal void ClaimConflict()
    {
        Interlocked.Increment(ref _conflictCount);
        _claimConflicts.Add(1);
    }

    internal void Released()
    {
        Interlocked.Increment(ref _releaseCount);
        _releases.Add(1);
    }

    internal void SetOwnedBlocks(int count) => Volatile.Write(ref _ownedBlocks, count);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
