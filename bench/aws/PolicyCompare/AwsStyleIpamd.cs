using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.Aws;
using Cloudnet.Providers.Aws.Imds;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Bench.AwsPolicy;

/// <summary>
/// The AWS-style ipamd: the pool monitor of amazon-vpc-cni-k8s (StartNodeIPPoolManager) on the
/// project's <see cref="Ec2CloudProvider"/>. Every half monitor interval it alternates between the
/// pool update (<see cref="AwsStylePolicy.Decide"/>, then one EC2 action, awaited in the loop as
/// AWS's is) and the node reconcile, which runs only when no pool action happened for the
/// reconcile interval, reads IMDS, and calls EC2 (DescribeNetworkInterfaces) only when IMDS and
/// the datastore disagree — as nodeIPPoolReconcile / eniIPPoolReconcile do.
/// </summary>
public sealed partial class AwsStyleIpamd(
    Ec2CloudProvider provider, ImdsMetadata imds, AwsStyleDatastore datastore, AwsStyleSettings settings, TimeProvider time, ILogger logger)
{
    private DateTimeOffset _lastPoolAction;

    /// <summary>ENIs attached by the pool monitor.</summary>
    public int EnisAttached { get; private set; }

    /// <summary>ENIs freed by the pool monitor.</summary>
    public int EnisFreed { get; private set; }

    /// <summary>Attached ENIs filled with missing addresses.</summary>
    public int EnisFilled { get; private set; }

    /// <summary>Reconciles that ran (IMDS read).</summary>
    public int Reconciles { get; private set; }

    /// <summary>Reconciles that found IMDS and the datastore apart and asked EC2.</summary>
    public int ReconcileDescribes { get; private set; }

    /// <summary>Pool actions that failed.</summary>
    public int Errors { get; private set; }

    /// <summary>nodeInit: the node's ENIs and addresses from EC2 into the datastore.</summary>
    public async Task InitAsync(CancellationToken cancellationToken)
    {
        await ResyncAsync(cancellationToken).ConfigureAwait(false);
        _lastPoolAction = time.GetUtcNow();
    }

    /// <summary>Runs the monitor until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.MonitorInterval / 2, time);
        var updateNext = true;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (updateNext)
                {
                    await UpdatePoolAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await ReconcileAsync(cancellationToken).ConfigureAwait(false);
                }

                updateNext = !updateNext;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>One pool update: decide, then act through the provider.</summary>
    public async Task UpdatePoolAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var action = AwsStylePolicy.Decide(datastore.Views(now), settings, now);
        try
        {
            switch (action.Kind)
            {
                case AwsStyleActionKind.FillEni:
                    datastore.AddAddresses(action.InterfaceId!, await provider.AssignAddressesAsync(action.InterfaceId!, action.Count, cancellationToken).ConfigureAwait(false));
                    EnisFilled++;
                    break;
                case AwsStyleActionKind.AttachEni:
                    var eni = await provider.CreateInterfaceAsync(cancellationToken).ConfigureAwait(false);
                    var addresses = await provider.AssignAddressesAsync(eni.Id, action.Count, cancellationToken).ConfigureAwait(false);
                    datastore.AddEni(eni.Id, isPrimary: false, time.GetUtcNow(), addresses);
                    EnisAttached++;
                    break;
                case AwsStyleActionKind.FreeEni:
                    // AWS removes the ENI from its datastore first (RemoveUnusedENIFromStore), then frees it in EC2.
                    datastore.RemoveEni(action.InterfaceId!);
                    await provider.DeleteInterfaceAsync(action.InterfaceId!, cancellationToken).ConfigureAwait(false);
                    EnisFreed++;
                    break;
                default:
                    return;
            }

            _lastPoolAction = time.GetUtcNow();
        }
        catch (CloudProviderException ex)
        {
            Errors++;
            LogActionFailed(logger, action.Kind, action.InterfaceId ?? "-", ex.Message);
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _lastPoolAction <= settings.ReconcileInterval)
        {
            return;
        }

        Reconciles++;
        try
        {
            var attached = await imds.ReadInterfacesAsync(cancellationToken).ConfigureAwait(false);
            var known = datastore.Addresses();
            var same = attached.Count == known.Count && attached.All(i =>
                known.TryGetValue(i.InterfaceId, out var addresses) && addresses.SetEquals(i.LocalIPv4s.Skip(1)));
            if (!same)
            {
                ReconcileDescribes++;
                await ResyncAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CloudProviderException ex)
        {
            Errors++;
            LogReconcileFailed(logger, ex.Message);
        }

        _lastPoolAction = time.GetUtcNow();
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var node = await provider.DescribeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var eni in node.Interfaces)
        {
            datastore.AddEni(eni.Id, eni.IsPrimary, eni.CreatedAt ?? time.GetUtcNow(), eni.Addresses);
        }
    }

    [LoggerMessage(EventId = 5901, Level = LogLevel.Warning, Message = "AWS-style pool action {Action} on {InterfaceId} failed: {Error}")]
    private static partial void LogActionFailed(ILogger logger, AwsStyleActionKind action, string interfaceId, string error);

    [LoggerMessage(EventId = 5902, Level = LogLevel.Warning, Message = "AWS-style reconcile failed: {Error}")]
    private static partial void LogReconcileFailed(ILogger logger, string error);
}
