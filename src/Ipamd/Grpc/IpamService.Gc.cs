using Cloudnet.Contract.V1;
using Cloudnet.Ipam.Addressing;
using Grpc.Core;

namespace Cloudnet.Ipamd.Grpc;

public sealed partial class IpamService
{
    /// <summary>Most valid attachments accepted in one GC request.</summary>
    public const int MaxGcValid = 65_536;

    /// <inheritdoc />
    public override async Task<GcReply> Gc(GcRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            Admit(request.ClientVersion);
            RequestValidator.Name(request.NetworkName, "network_name");
            if (request.Valid.Count > MaxGcValid)
            {
                throw RequestValidator.Invalid("valid", $"has {request.Valid.Count} entries; at most {MaxGcValid} are allowed");
            }

            var valid = new HashSet<AllocationKey>();
            for (var i = 0; i < request.Valid.Count; i++)
            {
                valid.Add(RequestValidator.Key(request.Valid[i], $"valid[{i}]"));
            }

            // An attachment whose ADD is in flight is not in the runtime's list yet: keep it.
            valid.UnionWith(locks.ActiveKeys());
            var released = datastore.Gc(request.NetworkName, valid);
            var reply = new GcReply();
            if (released.Count > 0)
            {
                await checkpoint.PersistAsync(CancellationToken.None).ConfigureAwait(false);
                metrics.GcReleased.Inc(released.Count);
                reconciler.Trigger();
            }

            foreach (var allocation in released)
            {
                LogGcReleased(allocation.Key.ToString(), allocation.Address.ToString());
                conntrack?.Enqueue(allocation.Address);
                reply.Released.Add(new AttachmentKey
                {
                    NetworkName = allocation.Key.NetworkName,
                    ContainerId = allocation.Key.ContainerId,
                    IfName = allocation.Key.IfName,
                });
            }

            return reply;
        }
        catch (RpcException ex)
        {
            LogRejected(ex.StatusCode, ex.Status.Detail);
            throw;
        }
    }

    /// <inheritdoc />
    public override Task<StatusReply> Status(StatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidator.CheckVersion(request.ClientVersion);
        var stats = datastore.Stats;
        var (canServe, reason) = capacity.Evaluate();
        return Task.FromResult(new StatusReply
        {
            Ready = state.IsReady,
            CanServeAdd = canServe,
            Total = stats.Total,
            Assigned = stats.Assigned,
            Available = stats.Available,
            Cooling = stats.Cooling,
            Reason = reason,
        });
    }
}
