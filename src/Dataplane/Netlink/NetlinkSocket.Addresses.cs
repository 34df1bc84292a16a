using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>Addresses: add, delete, list.</summary>
public sealed partial class NetlinkSocket
{
    /// <inheritdoc />
    public void AddAddress(LinkAddress address, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        var request = AddressRequest(Rtm.NewAddr, (ushort)(Nl.FCreate | (replace ? Nl.FReplace : Nl.FExcl)), address);
        request.U32(Ifa.Flags, (uint)address.Flags);
        _connection.Execute(request, $"RTM_NEWADDR {address}");
    }

    /// <inheritdoc />
    public DeleteOutcome DeleteAddress(LinkAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var request = AddressRequest(Rtm.DelAddr, 0, address);
        // EADDRNOTAVAIL: no such address; ENODEV: the link (and so its addresses) is gone.
        return _connection.ExecuteDelete(request, $"RTM_DELADDR {address}",
            Interop.Errno.EADDRNOTAVAIL, Interop.Errno.ENODEV, Interop.Errno.ENOENT);
    }

    /// <inheritdoc />
    public IReadOnlyList<LinkAddress> ListAddresses(AddressFamily family = AddressFamily.Unspecified, int? linkIndex = null)
    {
        var request = new MessageBuilder(Rtm.GetAddr, 0).IfAddr(Headers.Family(family), 0, 0, 0, 0);
        return _connection.Dump(request, "RTM_GETADDR dump")
            .Select(AddressParser.Parse)
            .Where(address => linkIndex is null || address.LinkIndex == linkIndex)
            .Where(address => family == AddressFamily.Unspecified || address.Address.AddressFamily == family)
            .ToList();
    }

    private static MessageBuilder AddressRequest(ushort type, ushort flags, LinkAddress address)
    {
        var bits = address.Address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        ArgumentOutOfRangeException.ThrowIfNegative(address.PrefixLength, nameof(address));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address.PrefixLength, bits, nameof(address));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(address.LinkIndex, nameof(address));
        // IFA_LOCAL is the interface's own address, IFA_ADDRESS the peer on point-to-point links;
        // without a peer both are the address (as iproute2 sends them).
        return new MessageBuilder(type, flags)
            .IfAddr(Headers.Family(address.Address.AddressFamily), (byte)address.PrefixLength,
                (byte)((uint)address.Flags & 0xff), (byte)address.Scope, address.LinkIndex)
            .Address(Ifa.Local, address.Address)
            .Address(Ifa.Address, address.Address);
    }
}
