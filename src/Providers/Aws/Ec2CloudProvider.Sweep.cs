using System.Globalization;
using Amazon.EC2.Model;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.Aws.Ec2;

namespace Cloudnet.Providers.Aws;

public sealed partial class Ec2CloudProvider
{
    /// <summary>
    /// Deletes leaked ENIs: tagged owner=cloudnet and cluster=<see cref="AwsProviderOptions.ClusterName"/>,
    /// status available (attached to nothing), created longer than <see cref="AwsProviderOptions.LeakGracePeriod"/>
    /// ago. They come from crashes between create and attach or between detach and delete. Untagged
    /// ENIs and other clusters' ENIs are never touched; the filters are checked again here because an
    /// API that ignores a filter must not make us delete someone else's ENI.
    /// </summary>
    /// <returns>The ids of the ENIs deleted; empty in IMDS-only mode or without a cluster name.</returns>
    public async Task<IReadOnlyList<string>> SweepLeakedInterfacesAsync(CancellationToken cancellationToken)
    {
        var cluster = _options.ClusterName;
        if (string.IsNullOrWhiteSpace(cluster))
        {
            LogSweepSkipped(_logger, "CLUSTER_NAME is not set, so no ENI can be proven ours");
            return [];
        }

        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        if (context.Ec2 is not { } ec2)
        {
            return [];
        }

        var candidates = await DescribeInterfacesAsync(
            ec2,
            "cluster " + cluster,
            [
                new Filter { Name = "tag:" + EniTags.Cluster, Values = [cluster] },
                new Filter { Name = "tag:" + EniTags.Owner, Values = [EniTags.OwnerValue] },
                new Filter { Name = "status", Values = ["available"] },
            ],
            cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var deleted = new List<string>();
        foreach (var eni in candidates.Where(e => IsLeaked(e, cluster, now)))
        {
            try
            {
                await DeleteWithRetriesAsync(ec2, eni.NetworkInterfaceId, cancellationToken).ConfigureAwait(false);
                deleted.Add(eni.NetworkInterfaceId);
                LogLeakDeleted(_logger, eni.NetworkInterfaceId, Tag(eni, EniTags.InstanceId) ?? "?");
            }
            catch (CloudProviderException ex) when (ex.Kind == CloudErrorKind.NotFound || Ec2Errors.CodeOf(ex) == Ec2Errors.InUse)
            {
                // Someone deleted or attached it meanwhile: not a leak any more.
            }
        }

        if (deleted.Count > 0)
        {
            Metrics.LeaksDeleted(deleted.Count);
        }

        return deleted;
    }

    private bool IsLeaked(NetworkInterface eni, string cluster, DateTimeOffset now)
    {
        if (Tag(eni, EniTags.Owner) != EniTags.OwnerValue || Tag(eni, EniTags.Cluster) != cluster)
        {
            return false;
        }

        if (eni.Status?.Value != "available" || eni.Attachment is { Status.Value: not "detached" })
        {
            return false;
        }

        // No parsable creation time: we cannot prove it is old, so leave it.
        return DateTimeOffset.TryParse(Tag(eni, EniTags.CreatedAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            && now - created >= _options.LeakGracePeriod;
    }

    private static string? Tag(NetworkInterface eni, string key) => eni.TagSet?.FirstOrDefault(t => t.Key == key)?.Value;
}
