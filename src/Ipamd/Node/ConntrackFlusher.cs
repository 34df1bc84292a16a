using System.Net;
using System.Threading.Channels;
using Cloudnet.Dataplane.Conntrack;
using Cloudnet.Ipam.Pool;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// Deletes the conntrack entries of released pod addresses in the daemon's network namespace
/// (the node's), so a pod that later gets the address never matches the old pod's flows: SNAT
/// of connections it originated, DNAT (Service) flows whose reply comes from it, UDP flows towards
/// it. Off the DEL path: releases are queued (<see cref="Enqueue"/> never blocks) and one worker
/// flushes them in batches, one table dump per batch. The address cools down (IP_COOLDOWN_PERIOD,
/// 30 s by default) before reuse, so the flush is done long before a new pod can get it.
/// </summary>
/// <remarks>
/// On start the worker first flushes every address still cooling: releases applied at start (the
/// spool, pods whose namespace is gone) and releases before a restart whose flush never ran. If
/// the queue overflows, the next batch flushes every cooling address instead of what was lost.
/// A failed flush is logged and counted, never retried: the entries then expire on their own
/// timeouts, as they would without cloudnet.
/// </remarks>
public sealed partial class ConntrackFlusher : BackgroundService
{
    /// <summary>Released addresses the queue holds before it overflows: 4096.</summary>
    public const int QueueCapacity = 4096;

    /// <summary>Most addresses flushed with one dump of the table: 256.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<IPAddress> _queue = Channel.CreateBounded<IPAddress>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IConntrack _conntrack;
    private readonly Datastore _datastore;
    private readonly ConntrackFlusherMetrics _metrics;
    private readonly ILogger _logger;
    private int _overflowed;
    private bool _unavailableLogged;
    private long _flushed;
    private int _batches;

    /// <summary>Creates the flusher; nothing runs until the host starts it.</summary>
    /// <param name="conntrack">The daemon namespace's conntrack table.</param>
    /// <param name="datastore">For the cooling addresses flushed at start and after an overflow.</param>
    /// <param name="metrics">Counters.</param>
    /// <param name="logger">Logger.</param>
    public ConntrackFlusher(IConntrack conntrack, Datastore datastore, ConntrackFlusherMetrics metrics, ILogger<ConntrackFlusher> logger)
    {
        _conntrack = conntrack ?? throw new ArgumentNullException(nameof(conntrack));
        _datastore = datastore ?? throw new ArgumentNullException(nameof(datastore));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Entries deleted since start, counted after the batch's metrics and log line are written.</summary>
    public long Flushed => Interlocked.Read(ref _flushed);

    /// <summary>Batches flushed (or attempted) since start, counted once the batch is done.</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>
    /// Queues a released address for a flush and returns at once; safe from any thread, before
    /// the worker runs too. When the queue is full the address is not lost: the next batch
    /// flushes every cooling address.
    /// </summary>
    public void Enqueue(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_queue.Writer.TryWrite(address))
        {
            Interlocked.Exchange(ref _overflowed, 1);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start path: the first flush may read a large table.
        await Task.Yield();
        foreach (var cooling in _datastore.CoolingAddresses())
        {
            Enqueue(cooling.Address);
        }

        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var batch = new HashSet<IPAddress>();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var address))
                {
                    batch.Add(address);
                }

                if (Interlocked.Exchange(ref _overflowed, 0) == 1)
                {
                    LogOverflow(QueueCapacity);
                    batch.UnionWith(_datastore.CoolingAddresses().Select(c => c.Address));
                }

                FlushBatch(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown; addresses still queued are cooling in the checkpoint and flushed at the next start.
        }
    }

    /// <summary>Flushes one batch synchronously; failures are logged and counted, never thrown.</summary>
    private void FlushBatch(HashSet<IPAddress> batch)
    {
        // The counters move last, so whoever sees them move also sees the metrics and the log.
        try
        {
            Interlocked.Add(ref _flushed, FlushAndReport(batch));
        }
        finally
        {
            Interlocked.Increment(ref _batches);
        }
    }

    /// <summary>Returns the number of entries deleted.</summary>
    private long FlushAndReport(HashSet<IPAddress> batch)
    {
        var label = string.Join(", ", batch);
        ConntrackFlushResult result;
        try
        {
            result = _conntrack.DeleteByAddresses(batch);
        }
#pragma warning disable CA1031 // Whatever a flush hits (I/O, a reply we fail to parse) must not end the worker or the daemon.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _metrics.Failures.Inc(batch.Count);
            LogFlushFailed(label, ex.Message);
            return 0;
        }

        if (!result.Available)
        {
            if (!_unavailableLogged)
            {
                _unavailableLogged = true;
                LogUnavailable(result.UnavailableReason!);
            }

            return 0;
        }

        _unavailableLogged = false;
        _metrics.Flushed.Inc(result.Deleted);
        if (result.Failures.Count > 0)
        {
            _metrics.Failures.Inc(result.Failures.Select(f => f.Address).Distinct().Count());
            LogDeletesRefused(result.Failures.Count, label, result.Failures[0].Message);
        }

        if (result.Deleted > 0)
        {
            LogFlushed(result.Deleted, label, result.AlreadyGone);
        }
        else
        {
            LogNothingToFlush(label);
        }

        return result.Deleted;
    }
}
