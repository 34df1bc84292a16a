using System.Collections.Concurrent;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Providers.Aws.Imds;

namespace Cloudnet.Providers.Aws;

// The last node description read from EC2, reused while IMDS agrees with it. EC2 stays the source
// of truth: any disagreement, a change whose outcome EC2 did not tell us, or the resync interval
// sends the describe to EC2. This is what keeps the 60 s safety-net reconcile from costing a
// DescribeNetworkInterfaces per node per minute, a call AWS throttles per account.
//
// A change this provider made and EC2 confirmed in its response (CreateNetworkInterface returns
// the ENI, AssignPrivateIpAddresses the addresses, ...) is folded into the view instead of being
// read back with another describe. IMDS shows such a change seconds later, so for
// ImdsSettleTime after the first folded change IMDS may still show the state before it; anything
// else it shows, or still lagging after that, is a disagreement and EC2 answers.
public sealed partial class Ec2CloudProvider
{
    private readonly Lock _viewGate = new();

    // ENI id → attachment id, as EC2 last told us (describe, attach); used with the view to detach
    // without describing first.
    private readonly ConcurrentDictionary<string, string> _attachments = new(StringComparer.Ordinal);
    private long _changes;
    private Ec2View? _view;

    /// <summary>Describes answered from the EC2 view because IMDS agreed (for tests and metrics).</summary>
    public long DescribesFromView => Interlocked.Read(ref _describesFromView);

    private long _describesFromView;

    /// <summary>The node's ENIs are about to change: describes until the change is over ask EC2, and so
    /// does the next one after it unless the change is completed with EC2's answer
    /// (<see cref="ChangeMark.Complete"/>). Counted at the start and the end, so a describe that ran
    /// during the change is not reused.</summary>
    private ChangeMark NoteChange() => new(this, Interlocked.Increment(ref _changes));

    private long ChangesSoFar => Interlocked.Read(ref _changes);

    private void Remember(NodeDescription node, long changesBefore, PrimaryNetwork? primary)
    {
        lock (_viewGate)
        {
            _view = new Ec2View(node, node, changesBefore, _time.GetUtcNow(), null, primary);
        }
    }

    /// <summary>Ends the change started as number <paramref name="started"/>; folds EC2's answer into
    /// the view when the view was current when the change began and no other change overlapped.</summary>
    private void EndChange(long started, Func<NodeDescription, NodeDescription?>? fold)
    {
        lock (_viewGate)
        {
            var ended = Interlocked.Increment(ref _changes);
            if (fold is null || _view is not { } view || view.Changes != started - 1 || ended != started + 1 || fold(view.Node) is not { } node)
            {
                return;
            }

            _view = view with { Node = node, Changes = ended, PendingSince = view.PendingSince ?? _time.GetUtcNow() };
        }
    }

    /// <summary>The last EC2 view (with this provider's confirmed changes) when it is fresh, no change
    /// is under way or unaccounted for, and IMDS lists the same ENIs, addresses and prefixes — or,
    /// within the settle time of a folded change, the state before it; else null.</summary>
    private async Task<Ec2View?> ReuseViewAsync(CancellationToken cancellationToken)
    {
        Ec2View? view;
        lock (_viewGate)
        {
            view = _view;
        }

        var now = _time.GetUtcNow();
        if (_imds is null || view is null || view.Changes != ChangesSoFar || now - view.TakenAt >= _options.Ec2ResyncInterval)
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

        if (Agrees(view.Node, imds))
        {
            if (view.PendingSince is not null)
            {
                lock (_viewGate)
                {
                    if (ReferenceEquals(_view, view))
                    {
                        _view = view = view with { Confirmed = view.Node, PendingSince = null };
                    }
                }
            }

            return view;
        }

        return view.PendingSince is { } since && now - since < _options.ImdsSettleTime && Lags(view.Confirmed, view.Node, imds) ? view : null;
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

    /// <summary>
    /// True when IMDS shows a state on the way from <paramref name="before"/> to <paramref name="after"/>:
    /// every ENI in both is listed, no ENI outside either is, and each ENI's addresses and prefixes
    /// hold everything the two states share and nothing neither has. A new ENI may be missing, a
    /// deleted one still listed.
    /// </summary>
    internal static bool Lags(NodeDescription before, NodeDescription after, IReadOnlyList<ImdsInterface> imds)
    {
        var listed = imds.Select(e => e.InterfaceId).ToHashSet(StringComparer.Ordinal);
        if (before.Interfaces.Any(b => !listed.Contains(b.Id) && after.Interfaces.Any(a => a.Id == b.Id)))
        {
            return false;
        }

        foreach (var eni in imds)
        {
            var b = before.Interfaces.FirstOrDefault(i => string.Equals(i.Id, eni.InterfaceId, StringComparison.Ordinal));
            var a = after.Interfaces.FirstOrDefault(i => string.Equals(i.Id, eni.InterfaceId, StringComparison.Ordinal));
            var secondary = eni.LocalIPv4s.IsEmpty ? [] : eni.LocalIPv4s.RemoveAt(0);
            if ((a is null && b is null)
                || (a is not null && a.DeviceIndex != eni.DeviceNumber)
                || (b is not null && b.DeviceIndex != eni.DeviceNumber)
                || !Between(secondary, b?.Addresses ?? [], a?.Addresses ?? [])
                || !Between(eni.IPv4Prefixes, b?.Prefixes ?? [], a?.Prefixes ?? []))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Between<T>(IEnumerable<T> shown, IEnumerable<T> before, IEnumerable<T> after)
    {
        var set = shown.ToHashSet();
        var both = before.Intersect(after);
        var either = before.Union(after).ToHashSet();
        return set.IsSupersetOf(both) && set.IsSubsetOf(either);
    }

    /// <summary>The primary ENI's subnet and security groups, which a new ENI inherits.</summary>
    private sealed record PrimaryNetwork(string? SubnetId, IReadOnlyList<string> GroupIds);

    /// <param name="Node">EC2's last description with the changes folded in since.</param>
    /// <param name="Confirmed">The state IMDS last agreed with, or EC2's description.</param>
    /// <param name="Changes">The change count the view is current for.</param>
    /// <param name="TakenAt">When EC2 was last asked.</param>
    /// <param name="PendingSince">When the first change IMDS has not shown yet was folded in.</param>
    /// <param name="Primary">The primary ENI's network, when EC2 listed it.</param>
    private sealed record Ec2View(NodeDescription Node, NodeDescription Confirmed, long Changes, DateTimeOffset TakenAt, DateTimeOffset? PendingSince, PrimaryNetwork? Primary);

    /// <summary>One change to the node's ENIs; disposing without <see cref="Complete"/> leaves the view stale.</summary>
    private sealed class ChangeMark(Ec2CloudProvider provider, long started) : IDisposable
    {
        private int _ended;

        /// <summary>The change succeeded; <paramref name="fold"/> applies EC2's answer to the view (null: cannot, describe again).</summary>
        public void Complete(Func<NodeDescription, NodeDescription?> fold)
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                provider.EndChange(started, fold);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                provider.EndChange(started, null);
            }
        }
    }
}
