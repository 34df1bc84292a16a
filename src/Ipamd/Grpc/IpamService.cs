using Cloudnet.Contract.V1;
using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.State;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Grpc;

/// <summary>
/// The CNI ↔ daemon contract (proto/cloudnet/ipam/v1/ipam.proto). ADD, DEL and CHECK of one
/// attachment are serialised by a per-key lock; every assignment is synced to disk before the
/// reply, every release written (and synced moments later, see <see cref="CheckpointWriter"/>).
/// A released address's conntrack entries are flushed by <see cref="ConntrackFlusher"/> (when
/// registered) after the reply.
/// </summary>
public sealed partial class IpamService(
    Datastore datastore,
    AddressWaiter waiter,
    KeyedLock<AllocationKey> locks,
    CheckpointWriter checkpoint,
    Reconciler reconciler,
    DaemonState state,
    ReplyBuilder replies,
    PoolCapacity capacity,
    DaemonMetrics metrics,
    TimeProvider time,
    ILogger<IpamService> logger,
    ConntrackFlusher? conntrack = null) : global::Cloudnet.Contract.V1.Ipam.IpamBase
{
    private readonly ILogger _logger = logger;

    /// <inheritdoc />
    public override Task<AddReply> Add(AddRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return MeasuredAsync(metrics.AddRequests, metrics.AddDuration, () => AddAsync(request, context));
    }

    /// <inheritdoc />
    public override Task<DelReply> Del(DelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return MeasuredAsync(metrics.DelRequests, metrics.DelDuration, () => DelAsync(request, context));
    }

    private async Task<(AddReply Reply, string Outcome)> AddAsync(AddRequest request, ServerCallContext context)
    {
        Admit(request.ClientVersion);
        var key = RequestValidator.Key(request.Key);
        RequestValidator.Netns(request.Netns, "netns");
        var pod = RequestValidator.Pod(request.Pod, request.Netns);
        using var scope = KeyScope(_logger, key.NetworkName, key.ContainerId, key.IfName);
        using (await locks.AcquireAsync(key, context.CancellationToken).ConfigureAwait(false))
        {
            var result = await waiter.AssignAsync(key, pod, () => LogAddWaiting(key.ToString()), context.CancellationToken).ConfigureAwait(false);
            if (result.Allocation is not { } allocation)
            {
                throw Exhausted(key);
            }

            string outcome;
            if (result.Status == AssignStatus.Assigned)
            {
                await PersistOrRollBackAsync(key).ConfigureAwait(false);
                LogAddAssigned(key.ToString(), allocation.Address.ToString(), allocation.InterfaceId);
                outcome = "assigned";
            }
            else
            {
                LogAddRepeated(key.ToString(), allocation.Address.ToString());
                outcome = "repeated";
            }

            reconciler.Trigger();
            return (replies.Add(allocation), outcome);
        }
    }

    private async Task<(DelReply Reply, string Outcome)> DelAsync(DelRequest request, ServerCallContext context)
    {
        Admit(request.ClientVersion);
        var key = RequestValidator.Key(request.Key);
        using var scope = KeyScope(_logger, key.NetworkName, key.ContainerId, key.IfName);
        using (await locks.AcquireAsync(key, context.CancellationToken).ConfigureAwait(false))
        {
            var released = datastore.Release(key);
            if (released is null)
            {
                LogDelUnknown(key.ToString());
                return (new DelReply(), "unknown");
            }

            // Written, not synced, before the reply: see CheckpointWriter for why a release may wait for the next sync.
            await checkpoint.PersistAsync(CheckpointDurability.Written, CancellationToken.None).ConfigureAwait(false);
            LogDelReleased(key.ToString(), released.Address.ToString());
            conntrack?.Enqueue(released.Address); // flushed in the background, never waited for
            reconciler.Trigger();
            return (new DelReply { ReleasedAddress = released.Address.ToString() }, "released");
        }
    }

    /// <summary>Counts the call by outcome and times it; a rejection becomes its outcome and is logged
    /// (an exhausted pool was already logged with its statistics).</summary>
    private async Task<TReply> MeasuredAsync<TReply>(Counter requests, Histogram duration, Func<Task<(TReply Reply, string Outcome)>> call)
    {
        var started = time.GetTimestamp();
        var outcome = "error";
        try
        {
            (var reply, outcome) = await call().ConfigureAwait(false);
            return reply;
        }
        catch (RpcException ex)
        {
            outcome = Outcome(ex.StatusCode);
            if (ex.StatusCode != StatusCode.ResourceExhausted)
            {
                LogRejected(ex.StatusCode, ex.Status.Detail);
            }

            throw;
        }
        finally
        {
            requests.WithLabels(outcome).Inc();
            duration.Observe(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <inheritdoc />
    public override async Task<CheckReply> Check(CheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            Admit(request.ClientVersion);
            var key = RequestValidator.Key(request.Key);
            using (await locks.AcquireAsync(key, context.CancellationToken).ConfigureAwait(false))
            {
                var allocation = datastore.Find(key)
                    ?? throw new RpcException(new Status(StatusCode.NotFound, $"no allocation for attachment {key}"));
                return replies.Check(allocation);
            }
        }
        catch (RpcException ex)
        {
            LogRejected(ex.StatusCode, ex.Status.Detail);
            throw;
        }
    }

    /// <summary>Version first (a mismatch is definitive), then readiness.</summary>
    private void Admit(string clientVersion)
    {
        RequestValidator.CheckVersion(clientVersion);
        if (!state.IsReady)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                state.IsDraining ? "the daemon is shutting down" : "the daemon is starting; try again shortly"));
        }
    }

    private async Task PersistOrRollBackAsync(AllocationKey key)
    {
        try
        {
            // Not cancelled by the caller: once assigned, the allocation is made durable or undone.
            await checkpoint.PersistAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            datastore.Release(key);
            throw new RpcException(new Status(StatusCode.Internal, $"assign address to {key}: writing the checkpoint failed: {ex.Message}"));
        }
    }

    private RpcException Exhausted(AllocationKey key)
    {
        var stats = datastore.Stats;
        LogAddExhausted(key.ToString(), stats.Total, stats.Assigned, stats.Cooling);
        return new RpcException(new Status(StatusCode.ResourceExhausted,
            $"assign address to {key}: no address became available within {capacity.AddWait.TotalSeconds:0.###}s " +
            $"(pool: {stats.Total} total, {stats.Assigned} assigned, {stats.Cooling} cooling); try again later"));
    }

    private static string Outcome(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument => "invalid",
        StatusCode.Unavailable => "unavailable",
        StatusCode.FailedPrecondition => "version_mismatch",
        StatusCode.ResourceExhausted => "exhausted",
        StatusCode.Cancelled or StatusCode.DeadlineExceeded => "cancelled",
        _ => "error",
    };
}
