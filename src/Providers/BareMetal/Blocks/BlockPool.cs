using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Blocks;

/// <summary>
/// Block arithmetic, pure: the cluster pool's CIDRs split into blocks of a fixed prefix length per
/// family. Every address of a block is usable by pods: a block is routed as a whole and pods get
/// /32 (/128) addresses, so there is no network or broadcast address to keep back (as in Calico).
/// </summary>
public sealed class BlockPool
{
    /// <summary>The largest block: addresses are enumerated into the pool, so blocks stay small.</summary>
    public const int MaxAddressesPerBlock = 4096;

    /// <summary>Creates a pool.</summary>
    /// <param name="cidrs">The pool's CIDRs, in claim order.</param>
    /// <param name="prefixLengthV4">IPv4 block prefix length (default 26).</param>
    /// <param name="prefixLengthV6">IPv6 block prefix length (default 122).</param>
    /// <exception cref="ArgumentException">A block would be larger than a CIDR, or than <see cref="MaxAddressesPerBlock"/>.</exception>
    public BlockPool(IEnumerable<Cidr> cidrs, int prefixLengthV4 = 26, int prefixLengthV6 = 122)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        Cidrs = [.. cidrs];
        PrefixLengthV4 = prefixLengthV4;
        PrefixLengthV6 = prefixLengthV6;
        CheckBlockSize(32, prefixLengthV4);
        CheckBlockSize(128, prefixLengthV6);
        foreach (var cidr in Cidrs)
        {
            if (cidr.PrefixLength > PrefixLengthFor(cidr.Family))
            {
                throw new ArgumentException($"pool CIDR {cidr} is smaller than a /{PrefixLengthFor(cidr.Family)} block", nameof(cidrs));
            }
        }
    }

    /// <summary>The pool's CIDRs in claim order.</summary>
    public ImmutableArray<Cidr> Cidrs { get; }

    /// <summary>IPv4 block prefix length.</summary>
    public int PrefixLengthV4 { get; }

    /// <summary>IPv6 block prefix length.</summary>
    public int PrefixLengthV6 { get; }

    /// <summary>Addresses in the largest block of either family (what one pool interface can hold).</summary>
    public int MaxBlockAddresses => Math.Max(1 << (32 - PrefixLengthV4), 1 << (128 - PrefixLengthV6));

    /// <summary>Block prefix length for the family.</summary>
    public int PrefixLengthFor(AddressFamily family) => family == AddressFamily.InterNetwork ? PrefixLengthV4 : PrefixLengthV6;

    /// <summary>Number of blocks in the pool (saturates for huge IPv6 pools).</summary>
    public UInt128 BlockCount => Cidrs.Aggregate(UInt128.Zero, (sum, c) => sum + BlocksIn(c) < sum ? UInt128.MaxValue : sum + BlocksIn(c));

    /// <summary>True when <paramref name="block"/> is a block of this pool (right size, inside a pool CIDR).</summary>
    public bool IsBlock(Cidr block) =>
        block.PrefixLength == PrefixLengthFor(block.Family) && Cidrs.Any(c => c.Contains(block));

    /// <summary>True when <paramref name="address"/> lies inside the pool.</summary>
    public bool Contains(IPAddress address) => Cidrs.Any(c => c.Contains(address));

    /// <summary>
    /// Blocks in the order a node should try them: per pool CIDR (in order), starting at an offset
    /// derived from <paramref name="nodeName"/> and wrapping around. Different nodes start in different
    /// places, so nodes that start together rarely race for the same block (creation is the lock anyway).
    /// </summary>
    public IEnumerable<Cidr> Candidates(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        var hash = StableHash(nodeName);
        foreach (var cidr in Cidrs)
        {
            var count = BlocksIn(cidr);
            var blockPrefix = PrefixLengthFor(cidr.Family);
            var step = UInt128.One << (cidr.AddressBits - blockPrefix);
            var start = hash % count;
            for (UInt128 i = 0; i < count; i++)
            {
                var index = (start + i) % count;
                yield return Cidr.Create(cidr.AddressAt(index * step), blockPrefix);
            }
        }
    }

    /// <summary>Splits configured CIDRs (local mode, podCIDRs) into blocks of this pool's sizes; a CIDR
    /// smaller than a block is kept as one block.</summary>
    public IEnumerable<Cidr> Split(IEnumerable<Cidr> cidrs)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        foreach (var cidr in cidrs)
        {
            var prefix = Math.Max(cidr.PrefixLength, PrefixLengthFor(cidr.Family));
            foreach (var block in cidr.Subdivide(prefix))
            {
                yield return block;
            }
        }
    }

    /// <summary>Every address of the block, in order (see the class remarks for why all are usable).</summary>
    public static ImmutableArray<IPAddress> Addresses(Cidr block)
    {
        if (block.Size > MaxAddressesPerBlock)
        {
            throw new ArgumentException($"block {block} has more than {MaxAddressesPerBlock} addresses", nameof(block));
        }

        var builder = ImmutableArray.CreateBuilder<IPAddress>((int)block.Size);
        for (UInt128 i = 0; i < block.Size; i++)
        {
            builder.Add(block.AddressAt(i));
        }

        return builder.MoveToImmutable();
    }

    private UInt128 BlocksIn(Cidr cidr) => UInt128.One << (PrefixLengthFor(cidr.Family) - cidr.PrefixLength);

    private static void CheckBlockSize(int bits, int prefixLength)
    {
        if (prefixLength > bits || bits - prefixLength > 12)
        {
            throw new ArgumentException($"block prefix /{prefixLength} must be between /{bits - 12} and /{bits} (at most {MaxAddressesPerBlock} addresses)");
        }
    }

    // FNV-1a: stable across processes and runtimes (string.GetHashCode is randomised per process).
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
