using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>Neighbour (ARP/NDP) entries: add or replace, delete, list.</summary>
public sealed partial class NetlinkSocket
{
    /// <inheritdoc />
    public void AddNeighbour(Neighbour neighbour)
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        ArgumentNullException.ThrowIfNull(neighbour.Mac, nameof(neighbour));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbour.LinkIndex, nameof(neighbour));
        var request = new MessageBuilder(Rtm.NewNeigh, Nl.FCreate | Nl.FReplace)
            .NdMsg(Headers.Family(neighbour.Address.AddressFamily), neighbour.LinkIndex, (ushort)neighbour.State)
            .Address(Nda.Dst, neighbour.Address)
            .Attribute(Nda.LlAddr, neighbour.Mac.GetAddressBytes());
        _connection.Execute(request, $"RTM_NEWNEIGH {neighbour}");
    }

    /// <inheritdoc />
    public DeleteOutcome DeleteNeighbour(Neighbour neighbour)
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        var request = new MessageBuilder(Rtm.DelNeigh, 0)
            .NdMsg(Headers.Family(neighbour.Address.AddressFamily), neighbour.LinkIndex, 0)
            .Address(Nda.Dst, neighbour.Address);
        return _connection.ExecuteDelete(request, $"RTM_DELNEIGH {neighbour.Address} on ifindex {neighbour.LinkIndex}",
            Interop.Errno.ENOENT, Interop.Errno.ENODEV);
    }

    /// <inheritdoc />
    public IReadOnlyList<Neighbour> ListNeighbours(AddressFamily family, int? linkIndex = null)
    {
        var request = new MessageBuilder(Rtm.GetNeigh, 0).NdMsg(Headers.Family(family), 0, 0);
        return _connection.Dump(request, "RTM_GETNEIGH dump")
            .Select(NeighbourParser.Parse)
            .Where(entry => entry is not null && (linkIndex is null || entry.LinkIndex == linkIndex))
            .Select(entry => entry!)
            .ToList();
    }
}
