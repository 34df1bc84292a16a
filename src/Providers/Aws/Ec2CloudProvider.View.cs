using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Providers.Aws.Imds;

namespace Cloudnet.Providers.Aws;

// The last node description read from EC2, reused while IMDS agrees with it. EC2 stays the source
// of truth: any disagreement, any change this provider made, or the resync interval sends the
// describe to EC2. This is what keeps the 60 s safety-net reconcile from costing a
// DescribeNetworkInterfaces per node per minute, a call AWS throttles per account.
public sealed partial class Ec2CloudProvider
{
    private readonly Lock _viewGate = new();
    private long _changes;
    private Ec2View? _view;

    /// <summary>Describes answered from the EC2 view because IMDS agreed (for tests and metrics).</summary>
    public long DescribesFromView => Interlocked.Read(ref _describesFromView);

    private long _describesFromView;

    /// <summary>The node's ENIs are about to change: describes until the change is over, and the next
    /// one after it, ask EC2. Counted at the start and the end, so a describe that ran during the
    /// change is not reused either.</summary>
    private ChangeMark NoteChange()
    {
        Interlocked.Increment(ref _changes);
        return new ChangeMark(this);
    }

    private long ChangesSoFar => Interlocked.Read(ref _changes);

    private void Remember(NodeDescription node, long changesBefore)
    {
        lock (_viewGate)
        {
            _view = new Ec2View(node, changesBefore, _time.GetUtcNow());
        }
    }

    /// <summary>The last EC2 view when it is fresh, nothing changed since, and IMDS lists the same ENIs, addresses and prefixes; else null.</summary>
    private async Task<NodeDescription?> ReuseViewAsync(CancellationToken cancellationToken)
    {
        Ec2View? view;
        lock (_viewGate)
        {
            view = _view;
        }

        if (_imds is null || view is null || view.Changes != ChangesSoFar || _time.GetUtcNow() - view.TakenAt >= _options.Ec2ResyncInterval)
        {
            return null;
        }

        IReadOnlyList<ImdsInterface> imds;
        try
        {
            imds = await _imds.ReadInterfacesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CloudProviderException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null; // IMDS unavailable: EC2 answers instead
        }

        if (!Agrees(view.Node, imds))
        {
            return null;
        }

        Interlocked.Increment(ref _describesFromView);
        return view.Node;
    }

    /// <summary>True when IMDS lists exactly the view's ENIs (by id and device) with the same secondary addresses and prefixes.</summary>
    internal static bool Agrees(NodeDescription node, IReadOnlyList<ImdsInterface> imds)
    {
        if (node.Interfaces.Length != imds.Count)
        {
            return false;
        }

        foreach (var eni in imds)
        {
            var known = node.Interfaces.FirstOrDefault(i => string.Equals(i.Id, eni.InterfaceId, StringComparison.Ordinal));
            var secondary = eni.LocalIPv4s.IsEmpty ? [] : eni.LocalIPv4s.RemoveAt(0);
            if (known is null
                || known.DeviceIndex != eni.DeviceNumber
                || !known.Addresses.ToHashSet().SetEquals(secondary)
                || !known.Prefixes.ToHashSet().SetEquals(eni.IPv4Prefixes))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Ec2View(NodeDescription Node, long Changes, DateTimeOffset TakenAt);

    private readonly struct ChangeMark(Ec2CloudProvider provider) : IDisposable
    {
        public void Dispose() => Interlocked.Increment(ref provider._changes);
    }
}
