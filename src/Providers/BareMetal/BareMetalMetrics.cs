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

    internal void PoolExhausted() => _poolExhausted.Add(1);

    internal void Claimed() => _claims.Add(1);

    internal void ClaimConflict() => _claimConflicts.Add(1);

    internal void Released() => _releases.Add(1);

    internal void SetOwnedBlocks(int count) => Volatile.Write(ref _ownedBlocks, count);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
