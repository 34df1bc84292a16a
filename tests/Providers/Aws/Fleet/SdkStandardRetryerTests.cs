using System.Net;
using Amazon.EC2;
using Cloudnet.Bench.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Fleet;

public sealed class SdkStandardRetryerTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(1, 0.0, 0.0)]
    [InlineData(1, 0.5, 1.0)]
    [InlineData(2, 0.5, 2.0)]
    [InlineData(4, 0.99, 15.84)]
    [InlineData(5, 0.0, 20.0)]
    [InlineData(9, 0.5, 20.0)]
    public void BackoffDelay_AttemptAndRandom_FullJitterDoublingCappedAt20s(int attempt, double random, double seconds)
    {
        Assert.Equal(seconds, SdkStandardRetryer.BackoffDelay(attempt, random).TotalSeconds, 6);
    }

    [Fact]
    public async Task CallAsync_AlwaysThrottled_ThreeAttemptsThenThrows()
    {
        var retryer = new SdkStandardRetryer(new FixedRandom(0), _time);
        var attempts = 0;

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => retryer.CallAsync<int>(_ => { attempts++; throw Throttled(); }, CancellationToken.None));

        Assert.Equal("RequestLimitExceeded", e.ErrorCode);
        Assert.Equal(3, attempts);
        Assert.Equal(SdkStandardRetryer.QuotaCapacity - (2 * SdkStandardRetryer.RetryCost), retryer.Quota);
    }

    [Fact]
    public async Task CallAsync_SucceedsOnRetry_RetryCostRefunded()
    {
        var retryer = new SdkStandardRetryer(new FixedRandom(0), _time, quota: 100);
        var attempts = 0;

        var result = await retryer.CallAsync(_ => ++attempts < 2 ? throw Throttled() : Task.FromResult(42), CancellationToken.None);

        Assert.Equal((42, 2), (result, attempts));
        Assert.Equal(100 + SdkStandardRetryer.NoRetryIncrement, retryer.Quota);
    }

    [Fact]
    public async Task CallAsync_QuotaBelowRetryCost_NoRetryAndRefusalCounted()
    {
        var retryer = new SdkStandardRetryer(new FixedRandom(0), _time, quota: SdkStandardRetryer.RetryCost - 1);
        var attempts = 0;

        await Assert.ThrowsAsync<AmazonEC2Exception>(() => retryer.CallAsync<int>(_ => { attempts++; throw Throttled(); }, CancellationToken.None));

        Assert.Equal((1, 1), (attempts, retryer.QuotaRefusals));
    }

    [Fact]
    public async Task CallAsync_ClientError_NotRetried()
    {
        var retryer = new SdkStandardRetryer(new FixedRandom(0), _time);
        var attempts = 0;

        await Assert.ThrowsAsync<AmazonEC2Exception>(() => retryer.CallAsync<int>(
            _ => { attempts++; throw new AmazonEC2Exception("bad", Amazon.Runtime.ErrorType.Sender, "InvalidParameterValue", "r", HttpStatusCode.BadRequest); },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task CallAsync_Throttled_WaitsTheBackoffOnTheClock()
    {
        var retryer = new SdkStandardRetryer(new FixedRandom(0.5), _time);
        var attempts = 0;

        var call = retryer.CallAsync(_ => ++attempts < 2 ? throw Throttled() : Task.FromResult(1), CancellationToken.None);
        await Task.Yield();
        var waitedBeforeDue = (call.IsCompleted, attempts);
        _time.Advance(TimeSpan.FromSeconds(1));
        await call;

        Assert.Equal((false, 1), waitedBeforeDue);
        Assert.Equal(2, attempts);
    }

    [Theory]
    [InlineData("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, true)]
    [InlineData("Unavailable", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData("InvalidNetworkInterfaceID.NotFound", HttpStatusCode.BadRequest, false)]
    [InlineData("UnauthorizedOperation", HttpStatusCode.Forbidden, false)]
    public void IsRetryable_ErrorCodeAndStatus_AsTheSdk(string code, HttpStatusCode status, bool retryable)
    {
        var e = new AmazonEC2Exception("m", Amazon.Runtime.ErrorType.Unknown, code, "r", status);

        Assert.Equal(retryable, SdkStandardRetryer.IsRetryable(e));
    }

    private static AmazonEC2Exception Throttled() =>
        new("Request limit exceeded.", Amazon.Runtime.ErrorType.Sender, "RequestLimitExceeded", "r", HttpStatusCode.ServiceUnavailable);

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;

        protected override double Sample() => value;
    }
}
