using Cloudnet.Ipam.Checkpoint;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.State;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Hosting;

/// <summary>
/// Start-up reconciliation, before the socket opens: load the checkpoint → describe the node →
/// program node networking → sync → drop allocations of vanished pods → drain the release spool
/// → persist → one warm-pool round. A failure here keeps the daemon from starting.
/// </summary>
public sealed partial class DaemonStartup(
    ICheckpointStore store,
    Datastore datastore,
    ICloudProvider provider,
    INodeNetwork nodeNetwork,
    DaemonState state,
    CheckpointWriter checkpoint,
    Reconciler reconciler,
    SpoolDrain spool,
    DaemonOptions options,
    ILogger<DaemonStartup> logger)
{
    private readonly ILogger _logger = logger;

    /// <summary>Runs the start-up sequence.</summary>
    /// <exception cref="DaemonStartException">The checkpoint is unreadable or the provider cannot describe the node.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await LoadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        NodeDescription node;
        try
        {
            node = await provider.DescribeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CloudProviderException ex)
        {
            throw new DaemonStartException($"provider {provider.Name} cannot describe the node: {ex.Message}", ex);
        }

        try
        {
            await nodeNetwork.ApplyAsync(node, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DaemonStartException($"programming node networking for node {node.NodeId} failed: {ex.Message}", ex);
        }

        state.SetNode(node);
        LogNodeDescribed(node.NodeId, node.Interfaces.Length, node.Limits.MaxInterfaces, node.Limits.AddressesPerInterface);
        var orphans = datastore.SyncInterfaces(node.Interfaces);
        if (orphans.Count > 0)
        {
            LogOrphans(orphans.Count);
        }

        foreach (var gone in datastore.ReleaseWhere(a => NetnsProbe.IsGone(a.Pod?.Netns)))
        {
            LogNetnsGone(gone.Key.ToString(), gone.Address.ToString(), gone.Pod?.Netns);
        }

        var drained = spool.Apply(datastore);
        await checkpoint.PersistAsync(cancellationToken).ConfigureAwait(false);
        spool.Complete(drained);

        // One warm-pool round so the node starts with addresses; a failing cloud is retried by
        // the reconciler loop, not fatal here.
        await reconciler.RunOnceAsync(describe: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        CheckpointData? data;
        try
        {
            data = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointException ex)
        {
            throw new DaemonStartException(
                $"checkpoint {options.CheckpointPath} cannot be used: {ex.Message}. The file was left untouched; " +
                "restore it, or move it away to start with an empty pool (pods then keep addresses the daemon no longer knows)", ex);
        }

        if (data is not null)
        {
            datastore.Restore(data);
            LogCheckpointLoaded(options.CheckpointPath, data.Allocations.Count, data.Cooling.Count);
        }
    }
}
