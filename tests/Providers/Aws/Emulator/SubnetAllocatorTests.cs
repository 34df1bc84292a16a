using Cloudnet.Emulator.State;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class SubnetAllocatorTests
{
    private static readonly uint Base = (10u << 24) | (0u << 16) | (64u << 8);

    [Fact]
    public void New_Slash27_ReservesFirstFourAndLast()
    {
        var allocator = new SubnetAllocator(Base, 27);

        Assert.Equal(27, allocator.FreeCount);
        Assert.False(allocator.IsFree(Base));
        Assert.False(allocator.IsFree(Base + 3));
        Assert.True(allocator.IsFree(Base + 4));
        Assert.False(allocator.IsFree(Base + 31));
    }

    [Fact]
    public void TakeAny_UntilFull_EveryAddressOnceThenNull()
    {
        var allocator = new SubnetAllocator(Base, 28);
        var random = new Random(3);

        var taken = Enumerable.Range(0, 11).Select(_ => allocator.TakeAny(random)!.Value).ToList();

        Assert.Equal(11, taken.Distinct().Count());
        Assert.All(taken, a => Assert.InRange(a, Base + 4, Base + 14));
        Assert.Null(allocator.TakeAny(random));
    }

    [Fact]
    public void TakePrefix_Slash24_AlignedAndNeverTheReservedBlocks()
    {
        var allocator = new SubnetAllocator(Base, 24);
        var random = new Random(5);

        var prefixes = Enumerable.Range(0, 14).Select(_ => allocator.TakePrefix(random, 28)!.Value).ToList();

        Assert.All(prefixes, p => Assert.Equal(0u, (p - Base) % 16));
        Assert.DoesNotContain(Base, prefixes);
        Assert.DoesNotContain(Base + 240, prefixes);
        Assert.Null(allocator.TakePrefix(random, 28));
        Assert.Equal(256 - 5 - (14 * 16), allocator.FreeCount);
    }

    [Fact]
    public void TakePrefix_OneAddressInEachFreeBlock_NoneLeft()
    {
        var allocator = new SubnetAllocator(Base, 26);
        Assert.True(allocator.TryTake(Base + 20));
        Assert.True(allocator.TryTake(Base + 40));

        Assert.Null(allocator.TakePrefix(new Random(1), 28));
        Assert.Equal(64 - 5 - 2, allocator.FreeCount);
    }

    [Fact]
    public void ReleasePrefix_TakenPrefix_AvailableAgain()
    {
        var allocator = new SubnetAllocator(Base, 26);
        Assert.True(allocator.TryTakePrefix(Base + 16, 28));
        Assert.False(allocator.TryTakePrefix(Base + 16, 28));
        Assert.False(allocator.TryTakePrefix(Base + 8, 28));

        allocator.ReleasePrefix(Base + 16, 28);

        Assert.True(allocator.TryTakePrefix(Base + 16, 28));
    }
}
