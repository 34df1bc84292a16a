using System.Net.NetworkInformation;
using System.Text;
using Cloudnet.Dataplane.Netlink.Protocol;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>Links: veth pairs, dummies, get, list, up/down, MTU, MAC, delete.</summary>
public sealed partial class NetlinkSocket
{
    /// <summary>IFNAMSIZ - 1: the longest interface name the kernel accepts, in bytes.</summary>
    public const int MaxLinkNameBytes = 15;

    /// <inheritdoc />
    public LinkInfo CreateVeth(VethSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidateName(spec.Name);
        ValidateName(spec.PeerName);
        var operation = spec.PeerNamespace is null
            ? $"RTM_NEWLINK veth {spec.Name} peer {spec.PeerName}"
            : $"RTM_NEWLINK veth {spec.Name} peer {spec.PeerName} in {spec.PeerNamespace.Path}";
        var request = new MessageBuilder(Rtm.NewLink, Nl.FCreate | Nl.FExcl)
            .IfInfo(0, spec.Up ? Ifla.IffUp : 0, spec.Up ? Ifla.IffUp : 0);
        LinkAttributes(request, spec.Name, spec.Mtu, spec.Mac);
        var linkInfo = request.BeginNested(Ifla.LinkInfo);
        request.String(Ifla.InfoKind, "veth");
        var data = request.BeginNested(Ifla.InfoData);
        // VETH_INFO_PEER holds a whole ifinfomsg followed by the peer's own link attributes;
        // IFLA_NET_NS_FD there creates the peer directly in the target namespace.
        var peer = request.BeginNested(Ifla.VethInfoPeer);
        // The peer cannot be brought up here: the kernel configures it before the pair is
        // joined, and veth_open then fails with ENOTCONN. Bring it up from its own namespace.
        request.IfInfo(0);
        LinkAttributes(request, spec.PeerName, spec.Mtu, spec.PeerMac);
        if (spec.PeerNamespace is { } target)
        {
            request.U32(Ifla.NetNsFd, (uint)target.Fd);
        }

        request.EndNested(peer).EndNested(data).EndNested(linkInfo);
        _connection.Execute(request, operation);
        GC.KeepAlive(spec.PeerNamespace);
        return GetLink(spec.Name) ?? throw new NetlinkException($"{operation}: created, but the link is not there");
    }

    /// <inheritdoc />
    public LinkInfo? GetLink(string name)
    {
        ValidateName(name);
        var request = new MessageBuilder(Rtm.GetLink, 0).IfInfo(0).String(Ifla.IfName, name);
        var reply = _connection.Get(request, $"RTM_GETLINK {name}", Interop.Errno.ENODEV);
        return reply is null ? null : LinkParser.Parse(reply);
    }

    /// <inheritdoc />
    public LinkInfo? GetLink(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        var request = new MessageBuilder(Rtm.GetLink, 0).IfInfo(index);
        var reply = _connection.Get(request, $"RTM_GETLINK ifindex {index}", Interop.Errno.ENODEV);
        return reply is null ? null : LinkParser.Parse(reply);
    }

    /// <inheritdoc />
    public LinkInfo? FindLinkByMac(PhysicalAddress mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        return ListLinks().FirstOrDefault(link => mac.Equals(link.Mac));
    }

    /// <inheritdoc />
    public IReadOnlyList<LinkInfo> ListLinks()
    {
        var request = new MessageBuilder(Rtm.GetLink, 0).IfInfo(0);
        return _connection.Dump(request, "RTM_GETLINK dump").Select(LinkParser.Parse).ToList();
    }

    /// <inheritdoc />
    public void SetLinkUp(int index, bool up = true)
    {
        var request = new MessageBuilder(Rtm.SetLink, 0).IfInfo(index, up ? Ifla.IffUp : 0, Ifla.IffUp);
        _connection.Execute(request, $"RTM_SETLINK ifindex {index} {(up ? "up" : "down")}");
    }

    /// <inheritdoc />
    public void SetLinkMtu(int index, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mtu);
        var request = new MessageBuilder(Rtm.SetLink, 0).IfInfo(index).U32(Ifla.Mtu, (uint)mtu);
        _connection.Execute(request, $"RTM_SETLINK ifindex {index} mtu {mtu}");
    }

    /// <inheritdoc />
    public void SetLinkMac(int index, PhysicalAddress mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        var request = new MessageBuilder(Rtm.SetLink, 0).IfInfo(index).Attribute(Ifla.Address, mac.GetAddressBytes());
        _connection.Execute(request, $"RTM_SETLINK ifindex {index} address {MacText.Format(mac)}");
    }

    /// <inheritdoc />
    public DeleteOutcome DeleteLink(string name)
    {
        ValidateName(name);
        var request = new MessageBuilder(Rtm.DelLink, 0).IfInfo(0).String(Ifla.IfName, name);
        return _connection.ExecuteDelete(request, $"RTM_DELLINK {name}", Interop.Errno.ENODEV, Interop.Errno.ENOENT);
    }

    /// <inheritdoc />
    public DeleteOutcome DeleteLink(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        var request = new MessageBuilder(Rtm.DelLink, 0).IfInfo(index);
        return _connection.ExecuteDelete(request, $"RTM_DELLINK ifindex {index}", Interop.Errno.ENODEV, Interop.Errno.ENOENT);
    }

    private static void LinkAttributes(MessageBuilder request, string name, int? mtu, PhysicalAddress? mac)
    {
        request.String(Ifla.IfName, name);
        if (mtu is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(mtu));
            request.U32(Ifla.Mtu, (uint)value);
        }

        if (mac is not null)
        {
            request.Attribute(Ifla.Address, mac.GetAddressBytes());
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxLinkNameBytes || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace)
            || name is "." or "..")
        {
            throw new ArgumentException(
                $"'{name}' is not a valid interface name (1-{MaxLinkNameBytes} bytes, no '/' or whitespace)", nameof(name));
        }
    }
}
