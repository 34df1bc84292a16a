namespace Cloudnet.Emulator.State;

/// <summary>
/// The address space of one subnet as a bitmap, so single addresses picked at random really
/// fragment it and an aligned free /28 can really run out while single addresses remain
/// (EC2's InsufficientCidrBlocks). Not thread-safe: <see cref="Ec2State"/> holds its lock.
/// </summary>
internal sealed class SubnetAllocator
{
    // AWS reserves the first four addresses of every subnet (network, VPC router, DNS, future
    // use) and the last one (broadcast), so a /28 prefix never starts at the subnet's base.
    private const int ReservedAtStart = 4;
    private readonly bool[] _used;

    public SubnetAllocator(uint network, int prefixLength)
    {
        if (prefixLength is < 16 or > 28)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "EC2 subnets are /16 to /28");
        }

        Network = network;
        PrefixLength = prefixLength;
        _used = new bool[1 << (32 - prefixLength)];
        for (var i = 0; i < ReservedAtStart; i++)
        {
            _used[i] = true;
        }

        _used[^1] = true;
        FreeCount = _used.Length - ReservedAtStart - 1;
    }

    public uint Network { get; }

    public int PrefixLength { get; }

    /// <summary>Addresses neither reserved nor taken (EC2's AvailableIpAddressCount).</summary>
    public int FreeCount { get; private set; }

    public bool Contains(uint address) => address - Network < (uint)_used.Length;

    public bool IsFree(uint address) => Contains(address) && !_used[address - Network];

    /// <summary>Takes one named address; false when outside the subnet, reserved or taken.</summary>
    public bool TryTake(uint address)
    {
        if (!IsFree(address))
        {
            return false;
        }

        _used[address - Network] = true;
        FreeCount--;
        return true;
    }

    /// <summary>Takes a free address at a random place, as EC2 does; null when the subnet is full.</summary>
    public uint? TakeAny(Random random)
    {
        if (FreeCount == 0)
        {
            return null;
        }

        var start = random.Next(_used.Length);
        for (var i = 0; i < _used.Length; i++)
        {
            var index = (start + i) % _used.Length;
            if (!_used[index])
            {
                _used[index] = true;
                FreeCount--;
                return Network + (uint)index;
            }
        }

        return null;
    }

    /// <summary>Takes a random aligned block of 2^(32-prefixLength) wholly free addresses; null when none is left.</summary>
    public uint? TakePrefix(Random random, int prefixLength)
    {
        var size = 1 << (32 - prefixLength);
        var candidates = new List<int>();
        for (var offset = 0; offset + size <= _used.Length; offset += size)
        {
            if (IsRangeFree(offset, size))
            {
                candidates.Add(offset);
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var chosen = candidates[random.Next(candidates.Count)];
        MarkRange(chosen, size, used: true);
        return Network + (uint)chosen;
    }

    /// <summary>Takes a named aligned block; false when misaligned, outside, or any address is taken.</summary>
    public bool TryTakePrefix(uint start, int prefixLength)
    {
        var size = 1 << (32 - prefixLength);
        var offset = (long)start - Network;
        if (offset < 0 || offset + size > _used.Length || offset % size != 0 || !IsRangeFree((int)offset, size))
        {
            return false;
        }

        MarkRange((int)offset, size, used: true);
        return true;
    }

    public void Release(uint address)
    {
        if (Contains(address) && _used[address - Network])
        {
            _used[address - Network] = false;
            FreeCount++;
        }
    }

    public void ReleasePrefix(uint start, int prefixLength) =>
        MarkRange((int)(start - Network), 1 << (32 - prefixLength), used: false);

    private bool IsRangeFree(int offset, int size)
    {
        for (var i = offset; i < offset + size; i++)
        {
            if (_used[i])
            {
                return false;
            }
        }

        return true;
    }

    private void MarkRange(int offset, int size, bool used)
    {
        for (var i = offset; i < offset + size; i++)
        {
            if (_used[i] != used)
            {
                _used[i] = used;
                FreeCount += used ? -1 : 1;
            }
        }
    }
}
