using System.Net;
using Cloudnet.Dataplane.Conntrack.Protocol;
using Cloudnet.Dataplane.Interop;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Conntrack;

/// <summary>Deleting the entries of some addresses.</summary>
public sealed partial class NetlinkConntrack
{
    /// <summary>How many dumps one flush runs when the kernel keeps flagging them interrupted.</summary>
    public const int MaxPasses = 3;

    /// <inheritdoc />
    public ConntrackFlushResult DeleteByAddresses(IReadOnlyCollection<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var set = new AddressSet(addresses);
        if (_connection is null)
        {
            return ConntrackFlushResult.Unavailable(UnavailableReason!);
        }

        if (set.Count == 0)
        {
            return new ConntrackFlushResult(0, 0, [], null);
        }

        var label = string.Join(", ", addresses);
        var deleted = 0;
        var gone = 0;
        var failures = new List<ConntrackDeleteFailure>();
        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            var matches = new List<Match>();
            var (available, interrupted) = Dump($"IPCTNL_MSG_CT_GET dump (flush of {label})", payload =>
            {
                if (RawEntry.TryParse(payload, out var entry) && set.FirstIn(entry) is { } address)
                {
                    matches.Add(new Match(entry, address));
                }
            });
            if (!available)
            {
                return ConntrackFlushResult.Unavailable(UnavailableReason!);
            }

            foreach (var match in matches)
            {
                switch (Delete(match, out var failure))
                {
                    case 0:
                        deleted++;
                        break;
                    case Errno.ENOENT:
                        gone++;
                        break;
                    default:
                        failures.Add(new ConntrackDeleteFailure(match.Address, match.Entry, failure!));
                        break;
                }
            }

            // A torn dump may have skipped entries; deletes are idempotent, so look again.
            if (!interrupted)
            {
                break;
            }
        }

        return new ConntrackFlushResult(deleted, gone, failures, null);
    }

    /// <summary>Deletes one entry by its original tuple, zone and id; returns 0 or the errno.</summary>
    private int Delete(Match match, out string? failure)
    {
        failure = null;

        // Never send a delete without a tuple: ctnetlink reads that as "flush the whole table".
        if (match.Original.Length == 0)
        {
            failure = $"IPCTNL_MSG_CT_DELETE {match.Entry} (flush of {match.Address}): the dump gave no original tuple";
            return Errno.EINVAL;
        }

        var request = new MessageBuilder(Nfnetlink.MessageType(Nfnetlink.SubsysCtnetlink, Cta.MsgDelete), 0)
            .NfGenMsg(match.Family)
            .Attribute(Cta.TupleOrig | Nl.AttrNested, match.Original);
        if (match.Zone.Length > 0)
        {
            request.Attribute(Cta.Zone, match.Zone);
        }

        // With the id, an entry recreated for the same tuple since the dump is left alone (ENOENT).
        if (match.Id.Length > 0)
        {
            request.Attribute(Cta.Id, match.Id);
        }

        var operation = $"IPCTNL_MSG_CT_DELETE {match.Entry} (flush of {match.Address})";
        var errno = _connection!.TryExecute(request, operation, out var kernelMessage);
        if (errno is not 0 and not Errno.ENOENT)
        {
            failure = new NetlinkException(operation, errno, kernelMessage).Message;
        }

        return errno;
    }

    /// <summary>A matching entry, copied out of the dump so it can be deleted after the dump ends.</summary>
    private sealed class Match
    {
        public Match(in RawEntry entry, IPAddress address)
        {
            Family = entry.Family;
            Original = entry.Original.ToArray();
            Zone = entry.Zone.ToArray();
            Id = entry.Id.ToArray();
            Entry = entry.ToEntry();
            Address = address;
        }

        public byte Family { get; }

        public byte[] Original { get; }

        public byte[] Zone { get; }

        public byte[] Id { get; }

        public ConntrackEntry Entry { get; }

        public IPAddress Address { get; }
    }
}
