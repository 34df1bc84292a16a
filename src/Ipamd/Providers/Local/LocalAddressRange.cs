using System.Net;
using System.Net.Sockets;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipamd.Providers.Local;

/// <summary>
/// The addresses of one local CIDR that pods may get: IPv4 skips the network and broadcast
/// addresses, IPv6 the subnet-router anycast address (offset 0). At most
/// <see cref="MaxAddresses"/> of them, so a large CIDR is not materialised whole.
/// </summary>
internal sealed class LocalAddressRange
{
    /// <summary>Cap on the addresses one local interface offers (an ENI offers up to 49).</summary>
    public const int MaxAddresses = 256;

    public LocalAddressRange(Cidr cidr)
    {
        Cidr = cidr;
        var size = cidr.Size;
        var usable = cidr.Family == AddressFamily.InterNetwork ? (size > 2 ? size - 2 : UInt128.Zero) : size - 1;
        Count = usable > MaxAddresses ? MaxAddresses : (int)usable;
    }

    public Cidr Cidr { get; }

    /// <summary>Usable addresses, capped at <see cref="MaxAddresses"/>.</summary>
    public int Count { get; }

    /// <summary>True when the CIDR is larger than this range can use.</summary>
    public bool IsCapped => Cidr.Size > (UInt128)(MaxAddresses + 2);

    /// <summary>The i-th usable address (0-based).</summary>
    public IPAddress At(int index) => Cidr.AddressAt((UInt128)(index + 1));

    /// <summary>Index of <paramref name="address"/> in the range, or -1.</summary>
    public int IndexOf(IPAddress address)
    {
        if (!Cidr.Contains(address))
        {
            return -1;
        }

        var offset = Cidr.OffsetOf(address);
        return offset >= 1 && offset <= (UInt128)Count ? (int)offset - 1 : -1;
    }
}
