using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Providers.Aws.Ec2;

namespace Cloudnet.Providers.Aws;

public sealed partial class Ec2CloudProvider
{
    /// <inheritdoc />
    public Task<PoolInterface> CreateInterfaceAsync(CancellationToken cancellationToken) => CreateInterfaceAsync(InterfaceFill.None, cancellationToken);

    /// <summary>
    /// Creates an ENI with <paramref name="fill"/> assigned in the same CreateNetworkInterface call
    /// (SecondaryPrivateIpAddressCount or Ipv4PrefixCount, as aws-node does), attaches it at a free
    /// device index and sets delete-on-termination: three calls, the device index coming from the
    /// EC2 view while IMDS agrees with it. When the subnet has no free aligned /28 for the prefixes,
    /// the ENI is created empty (the fallback is recorded) and the next plan fills it with addresses.
    /// </summary>
    public async Task<PoolInterface> CreateInterfaceAsync(InterfaceFill fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var instanceId = context.Identity.InstanceId;
        var ec2 = RequireEc2(context, "CreateNetworkInterface", "instance " + instanceId);
        var view = await ReuseViewAsync(cancellationToken).ConfigureAwait(false);
        using var change = NoteChange();
        var limits = await context.Limits.GetAsync(context.Identity.InstanceType, cancellationToken).ConfigureAwait(false);
        var (used, primary) = view is { Primary: { } known }
            ? (view.Node.Interfaces.Select(i => i.DeviceIndex).ToHashSet(), known)
            : await AttachedNetworkAsync(context, ec2, cancellationToken).ConfigureAwait(false);
        if (used.Count >= limits.MaxInterfaces)
        {
            throw new CloudProviderException(
                CloudErrorKind.Capacity,
                "CreateNetworkInterface",
                $"instance {instanceId} ({limits.InstanceType}) already has {used.Count} of {limits.MaxInterfaces} ENIs");
        }

        var subnetId = _options.CustomNetworking ? _options.EniSubnetId! : primary.SubnetId!;
        var groups = _options.EniSecurityGroupIds.Count > 0 ? [.. _options.EniSecurityGroupIds] : primary.GroupIds.ToList();
        var deviceIndex = Enumerable.Range(1, limits.MaxInterfaces).First(i => !used.Contains(i));

        var eni = await CreateFilledAsync(ec2, instanceId, subnetId, groups, fill, cancellationToken).ConfigureAwait(false);
        try
        {
            var attachmentId = await AttachAsync(ec2, eni.NetworkInterfaceId, instanceId, deviceIndex, cancellationToken).ConfigureAwait(false);
            _attachments[eni.NetworkInterfaceId] = attachmentId;
            await ec2.CallAsync(
                "ModifyNetworkInterfaceAttribute",
                $"ENI {eni.NetworkInterfaceId} attachment {attachmentId}",
                (client, ct) => client.ModifyNetworkInterfaceAttributeAsync(
                    new ModifyNetworkInterfaceAttributeRequest
                    {
                        NetworkInterfaceId = eni.NetworkInterfaceId,
                        Attachment = new NetworkInterfaceAttachmentChanges { AttachmentId = attachmentId, DeleteOnTermination = true },
                    },
                    ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CloudProviderException or OperationCanceledException)
        {
            // Never leave a half-made ENI behind: detach (if attached) and delete it.
            await RollbackCreateAsync(ec2, eni.NetworkInterfaceId, ex.Message).ConfigureAwait(false);
            throw;
        }

        await CacheSubnetsAsync(ec2, [(subnetId, eni.MacAddress)], cancellationToken).ConfigureAwait(false);
        var created = ToPoolInterface(eni) with
        {
            DeviceIndex = deviceIndex,
            IsPrimary = false,
            RouteTable = RouteTables.ForDevice(deviceIndex),
            ExcludedFromPods = false,
        };
        change.Complete(WithInterface(created));
        LogCreated(_logger, created.Id, instanceId, deviceIndex, subnetId ?? "?", created.Addresses.Length, created.Prefixes.Length);
        return created;
    }

    /// <summary>
    /// Detaches and deletes the ENI: two calls when the EC2 view (with IMDS agreeing) knows its
    /// attachment, else a DescribeNetworkInterfaces first, as aws-node always does. A view that
    /// was wrong about the attachment (EC2 answers NotFound) falls back to the describe.
    /// </summary>
    public async Task DeleteInterfaceAsync(string interfaceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceId);
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var ec2 = RequireEc2(context, "DeleteNetworkInterface", "ENI " + interfaceId);
        var view = await ReuseViewAsync(cancellationToken).ConfigureAwait(false);
        using var change = NoteChange();
        if (!await DetachKnownAsync(ec2, view, interfaceId, cancellationToken).ConfigureAwait(false))
        {
            var found = await DescribeInterfacesAsync(ec2, "ENI " + interfaceId, [], cancellationToken, [interfaceId]).ConfigureAwait(false);
            var eni = found.FirstOrDefault(e => e.NetworkInterfaceId == interfaceId)
                ?? throw new CloudProviderException(CloudErrorKind.NotFound, "DeleteNetworkInterface", $"ENI {interfaceId} does not exist");
            if (eni.Attachment is { } attachment && attachment.DeviceIndex == 0)
            {
                throw new CloudProviderException(CloudErrorKind.Other, "DeleteNetworkInterface", $"ENI {interfaceId} is the primary ENI of {attachment.InstanceId}; it is never deleted");
            }

            if (eni.Attachment is { AttachmentId: { } attachmentId } att && att.Status?.Value is not ("detached" or "detaching"))
            {
                await DetachAsync(ec2, interfaceId, attachmentId, cancellationToken).ConfigureAwait(false);
            }
        }

        await DeleteWithRetriesAsync(ec2, interfaceId, cancellationToken).ConfigureAwait(false);
        _attachments.TryRemove(interfaceId, out _);
        change.Complete(WithoutInterface(interfaceId));
        LogDeleted(_logger, interfaceId);
    }

    /// <summary>Detaches with the attachment id EC2 gave us when the view (IMDS agreeing) lists the
    /// ENI as a secondary; false when it cannot, or EC2 says that attachment is gone (then ask EC2).</summary>
    private async Task<bool> DetachKnownAsync(Ec2Caller ec2, Ec2View? view, string interfaceId, CancellationToken cancellationToken)
    {
        if (_options.DescribeBeforeDetach
            || view?.Node.Interfaces.FirstOrDefault(i => i.Id == interfaceId) is not { IsPrimary: false }
            || !_attachments.TryGetValue(interfaceId, out var known))
        {
            return false;
        }

        try
        {
            await DetachAsync(ec2, interfaceId, known, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CloudProviderException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            _attachments.TryRemove(interfaceId, out _); // the view was wrong
            return false;
        }
    }

    /// <summary>Device indexes in use and the primary's network, from EC2 (when the view cannot answer).</summary>
    private static async Task<(HashSet<int> Used, PrimaryNetwork Primary)> AttachedNetworkAsync(NodeContext context, Ec2Caller ec2, CancellationToken cancellationToken)
    {
        var attached = await DescribeAttachedAsync(context, ec2, cancellationToken).ConfigureAwait(false);
        var primary = PrimaryOf(attached) ?? throw new CloudProviderException(
            CloudErrorKind.NotFound, "CreateNetworkInterface", $"instance {context.Identity.InstanceId}: EC2 lists no primary ENI");
        return (attached.Select(e => e.Attachment?.DeviceIndex ?? 0).ToHashSet(), primary);
    }

    /// <summary>CreateNetworkInterface with the fill; without the prefixes when the subnet has no free aligned /28.</summary>
    private async Task<NetworkInterface> CreateFilledAsync(
        Ec2Caller ec2, string instanceId, string subnetId, List<string> groups, InterfaceFill fill, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateTaggedAsync(ec2, instanceId, subnetId, groups, fill, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudProviderException ex) when (ex.Kind == CloudErrorKind.InsufficientCidrBlocks && fill.Prefixes > 0)
        {
            Metrics.PrefixFallback();
            LogInsufficientCidrBlocks(_logger, "a new ENI", fill.Prefixes);
            return await CreateTaggedAsync(ec2, instanceId, subnetId, groups, InterfaceFill.None, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<NetworkInterface> CreateTaggedAsync(
        Ec2Caller ec2, string instanceId, string subnetId, List<string> groups, InterfaceFill fill, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var cluster = _options.ClusterName ?? string.Empty;
        Tag[] tags = [new Tag(EniTags.Owner, EniTags.OwnerValue), new Tag(EniTags.InstanceId, instanceId), new Tag(EniTags.CreatedAt, now)];
        var request = new CreateNetworkInterfaceRequest
        {
            SubnetId = subnetId,
            Groups = groups,
            Description = $"cloudnet pod ENI of {instanceId}" + (cluster.Length > 0 ? $" in cluster {cluster}" : string.Empty),
            TagSpecifications =
            [
                new TagSpecification
                {
                    ResourceType = ResourceType.NetworkInterface,
                    Tags = cluster.Length == 0 ? [.. tags] : [.. tags, new Tag(EniTags.Cluster, cluster)],
                },
            ],
        };
        if (fill.Prefixes > 0)
        {
            request.Ipv4PrefixCount = fill.Prefixes;
        }
        else if (fill.Addresses > 0)
        {
            request.SecondaryPrivateIpAddressCount = fill.Addresses;
        }

        var response = await ec2.CallAsync(
            "CreateNetworkInterface", $"instance {instanceId} subnet {subnetId}{FillText(fill)}", (client, ct) => client.CreateNetworkInterfaceAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.NetworkInterface
            ?? throw new CloudProviderException(CloudErrorKind.Other, "CreateNetworkInterface", $"instance {instanceId}: EC2 returned no interface");
    }

    private static string FillText(InterfaceFill fill) =>
        fill.Prefixes > 0 ? $" ({fill.Prefixes} /28 prefixes)" : fill.Addresses > 0 ? $" ({fill.Addresses} addresses)" : string.Empty;

    private static async Task<string> AttachAsync(Ec2Caller ec2, string interfaceId, string instanceId, int deviceIndex, CancellationToken cancellationToken)
    {
        var response = await ec2.CallAsync(
            "AttachNetworkInterface",
            $"ENI {interfaceId} to {instanceId} at device {deviceIndex}",
            (client, ct) => client.AttachNetworkInterfaceAsync(
                new AttachNetworkInterfaceRequest { NetworkInterfaceId = interfaceId, InstanceId = instanceId, DeviceIndex = deviceIndex }, ct),
            cancellationToken).ConfigureAwait(false);
        return response.AttachmentId
            ?? throw new CloudProviderException(CloudErrorKind.Other, "AttachNetworkInterface", $"ENI {interfaceId}: EC2 returned no attachment id");
    }

    private static Task<DetachNetworkInterfaceResponse> DetachAsync(Ec2Caller ec2, string interfaceId, string attachmentId, CancellationToken cancellationToken) =>
        ec2.CallAsync(
            "DetachNetworkInterface",
            $"ENI {interfaceId} attachment {attachmentId}",
            (client, ct) => client.DetachNetworkInterfaceAsync(new DetachNetworkInterfaceRequest { AttachmentId = attachmentId }, ct),
            cancellationToken);

    /// <summary>Deletes the ENI, waiting while EC2 still reports it in use (detaching takes seconds).</summary>
    private async Task DeleteWithRetriesAsync(Ec2Caller ec2, string interfaceId, CancellationToken cancellationToken)
    {
        var delay = _options.DeleteRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ec2.CallAsync(
                    "DeleteNetworkInterface",
                    "ENI " + interfaceId,
                    (client, ct) => client.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = interfaceId }, ct),
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (CloudProviderException ex) when (ex.Kind == CloudErrorKind.NotFound && attempt > 1)
            {
                return; // an earlier attempt went through after all
            }
            catch (CloudProviderException ex) when (Ec2Errors.CodeOf(ex) == Ec2Errors.InUse && attempt < _options.DeleteAttempts)
            {
                LogDeleteInUse(_logger, interfaceId, attempt);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task RollbackCreateAsync(Ec2Caller ec2, string interfaceId, string reason)
    {
        LogRollback(_logger, interfaceId, reason);
        _attachments.TryRemove(interfaceId, out _);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2), _time);
        try
        {
            var found = await DescribeInterfacesAsync(ec2, "ENI " + interfaceId, [], timeout.Token, [interfaceId]).ConfigureAwait(false);
            if (found.FirstOrDefault()?.Attachment is { AttachmentId: { } attachmentId })
            {
                await DetachAsync(ec2, interfaceId, attachmentId, timeout.Token).ConfigureAwait(false);
            }

            await DeleteWithRetriesAsync(ec2, interfaceId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CloudProviderException or OperationCanceledException)
        {
            // The leak sweep deletes it later: it is tagged and will be available.
            LogRollbackFailed(_logger, interfaceId, ex.Message);
        }
    }
}
