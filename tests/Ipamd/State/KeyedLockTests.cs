using Cloudnet.Ipamd.State;

namespace Cloudnet.Ipamd.Tests.State;

public sealed class KeyedLockTests
{
    [Fact]
    public async Task AcquireAsync_SameKeyHeld_WaitsUntilReleased()
    {
        var locks = new KeyedLock<string>();
        var held = await locks.AcquireAsync("a", CancellationToken.None);

        var second = locks.AcquireAsync("a", CancellationToken.None).AsTask();
        var other = await locks.AcquireAsync("b", CancellationToken.None);
        Assert.False(second.IsCompleted);
        held.Dispose();
        (await second).Dispose();
        other.Dispose();

        Assert.Empty(locks.ActiveKeys());
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_LeavesNoEntryBehind()
    {
        var locks = new KeyedLock<string>();
        var held = await locks.AcquireAsync("a", CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = locks.AcquireAsync("a", cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();

        Assert.Empty(locks.ActiveKeys());
    }
}
