using Cloudnet.Providers.Aws.Ec2;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Ec2;

public sealed class TimeProviderTokenBucketTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AttemptAcquire_FullBucket_GrantsBurstThenRejects()
    {
        using var bucket = new TimeProviderTokenBucket(1, 3, 10, _time);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(bucket.AttemptAcquire().IsAcquired));
        Assert.False(bucket.AttemptAcquire().IsAcquired);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_EmptyBucket_WaitersServedInOrderAsTokensAccrue()
    {
        using var bucket = new TimeProviderTokenBucket(2, 1, 10, _time);
        Assert.True((await bucket.AcquireAsync()).IsAcquired);

        var first = bucket.AcquireAsync().AsTask();
        var second = bucket.AcquireAsync().AsTask();
        Assert.False(first.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True((await first).IsAcquired);
        Assert.False(second.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True((await second).IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_LeavesTheQueueAndLaterWaitersStillGetTokens()
    {
        using var bucket = new TimeProviderTokenBucket(1, 1, 10, _time);
        await bucket.AcquireAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = bucket.AcquireAsync(1, cancel.Token).AsTask();
        var later = bucket.AcquireAsync().AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True((await later).IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_Rejects()
    {
        using var bucket = new TimeProviderTokenBucket(1, 1, 1, _time);
        bucket.AttemptAcquire();
        var queued = bucket.AcquireAsync().AsTask();

        Assert.False((await bucket.AcquireAsync()).IsAcquired);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await queued).IsAcquired);
    }
}
