using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Cloudnet.Dataplane.Conntrack.Protocol;

/// <summary>
/// The addresses to flush, looked up by their raw bytes so a dump of a large table is matched
/// without allocating per entry.
/// </summary>
internal sealed class AddressSet
{
    private readonly Dictionary<uint, IPAddress> _v4 = [];
    private readonly Dictionary<UInt128, IPAddress> _v6 = [];

    public AddressSet(IEnumerable<IPAddress> addresses)
    {
        foreach (var given in addresses)
        {
            ArgumentNullException.ThrowIfNull(given, nameof(addresses));
            var address = given.IsIPv4MappedToIPv6 ? given.MapToIPv4() : given;
            var bytes = address.GetAddressBytes();
            switch (address.AddressFamily)
            {
                case AddressFamily.InterNetwork:
                    _v4[MemoryMarshal.Read<uint>(bytes)] = address;
                    break;
                case AddressFamily.InterNetworkV6:
                    _v6[MemoryMarshal.Read<UInt128>(bytes)] = address;
                    break;
                default:
                    throw new ArgumentException($"{address} is neither IPv4 nor IPv6", nameof(addresses));
            }
        }
    }

    public int Count => _v4.Count + _v6.Count;

    /// <summary>The first of our addresses found in either tuple of <paramref name="entry"/>, or null.</summary>
    public IPAddress? FirstIn(in RawEntry entry)
    {
        RawEntry.Addresses(entry.Original, out var originalSource, out var originalDestination);
        RawEntry.Addresses(entry.Reply, out var replySource, out var replyDestination);
        return Find(originalSource) ?? Find(originalDestination) ?? Find(replySource) ?? Find(replyDestination);
    }

    private IPAddress? Find(ReadOnlySpan<byte> address) => address.Length switch
    {
        4 when _v4.Count > 0 => _v4.GetValueOrDefault(MemoryMarshal.Read<uint>(address)),
        16 when _v6.Count > 0 => _v6.GetValueOrDefault(MemoryMarshal.Read<UInt128>(address)),
        _ => null,
    };
}
