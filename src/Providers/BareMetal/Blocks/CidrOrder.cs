using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Blocks;

/// <summary>Orders CIDRs IPv4 first, then by network address, then by prefix length.</summary>
public sealed class CidrOrder : IComparer<Cidr>
{
    /// <summary>The shared instance.</summary>
    public static CidrOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(Cidr x, Cidr y)
    {
        var family = x.AddressBits.CompareTo(y.AddressBits);
        if (family != 0)
        {
            return family;
        }

        var network = Cidr.ToValue(x.Network).CompareTo(Cidr.ToValue(y.Network));
        return network != 0 ? network : x.PrefixLength.CompareTo(y.PrefixLength);
    }
}
