using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;

namespace Cloudnet.Testing.Fakes;

public sealed partial class FakeCloudProvider
{
    private const int PrefixLength = 28;

    /// <summary>Lowest free addresses of the subnet; Capacity when it is full. Caller holds the gate.</summary>
    private List<IPAddress> TakeAddresses(int count)
    {
        var subnet = _options.Subnet;
        var taken = new List<UInt128>();
        for (UInt128 offset = 0; offset < subnet.Size && taken.Count < count; offset++)
        {
            if (!_used.Contains(offset))
            {
                taken.Add(offset);
            }
        }

        if (taken.Count < count)
        {
            throw Error(CloudErrorKind.Capacity, FakeCloudOperations.AssignAddresses, $"subnet {subnet} has fewer than {count} free addresses");
        }

        taken.ForEach(o => _used.Add(o));
        return [.. taken.Select(subnet.AddressAt)];
    }

    /// <summary>Lowest free aligned /28 blocks; InsufficientCidrBlocks when none is left. Caller holds the gate.</summary>
    private List<Cidr> TakePrefixes(int count)
    {
        var subnet = _options.Subnet;
        var blocks = subnet.PrefixLength <= PrefixLength ? subnet.Subdivide(PrefixLength) : [];
        var free = blocks.Where(b => !Offsets(b).Any(_used.Contains)).Take(count).ToList();
        if (free.Count < count)
        {
            throw Error(CloudErrorKind.InsufficientCidrBlocks, FakeCloudOperations.AssignPrefixes,
                $"subnet {subnet} has no {count} free aligned /{PrefixLength} block(s)");
        }

        foreach (var block in free)
        {
            foreach (var offset in Offsets(block))
            {
                _used.Add(offset);
            }
        }

        return free;
    }

    private void FreeBlock(Cidr block)
    {
        foreach (var offset in Offsets(block))
        {
            _used.Remove(offset);
        }
    }

    private IEnumerable<UInt128> Offsets(Cidr block)
    {
        var first = _options.Subnet.OffsetOf(block.Network);
        for (UInt128 i = 0; i < block.Size; i++)
        {
            yield return first + i;
        }
    }
}
