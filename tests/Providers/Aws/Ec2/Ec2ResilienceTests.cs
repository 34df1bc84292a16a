using Amazon.EC2;
using Cloudnet.Providers.Aws.Ec2;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Cloudnet.Providers.Aws.Tests.Ec2;

public sealed class Ec2ResilienceTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Pipeline_ManyCallsAtOnce_NeverExceedBurstPlusRate()
    {
        using var resilience = new Ec2Resilience(new AwsProviderOptions { Ec2RequestsPerSecond = 2, Ec2Burst = 3 }, _time);
        var started = 0;
        var calls = Enumerable.Range(0, 9).Select(_ => resilience.Pipeline.ExecuteAsync(_ =>
        {
            Interlocked.Increment(ref started);
            return ValueTask.CompletedTask;
        }).AsTask()).ToList();

        await WaitUntilAsync(() => Volatile.Read(ref started) == 3);
        for (var second = 1; second <= 3; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await WaitUntilAsync(() => Volatile.Read(ref started) == 3 + (2 * second));
            Assert.Equal(3 + (2 * second), Volatile.Read(ref started));
        }

        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task Pipeline_ThrottledTwice_RetriesAndSucceeds()
    {
        using var resilience = new Ec2Resilience(new AwsProviderOptions(), _time);
        var call = new FailingFirst<int>(2, () => new AmazonEC2Exception("Request limit exceeded.") { ErrorCode = "RequestLimitExceeded" }, 42);

        var result = resilience.Pipeline.ExecuteAsync(call.InvokeAsync).AsTask();

        Assert.Equal(42, await DriveAsync(result));
        Assert.Equal(3, call.Attempts);
    }

    [Fact]
    public async Task Pipeline_CapacityError_IsNotRetried()
    {
        using var resilience = new Ec2Resilience(new AwsProviderOptions(), _time);
        var attempts = 0;

        await Assert.ThrowsAsync<AmazonEC2Exception>(() => resilience.Pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new AmazonEC2Exception("full") { ErrorCode = "InsufficientFreeAddressesInSubnet", StatusCode = System.Net.HttpStatusCode.BadRequest };
#pragma warning disable CS0162 // the lambda needs a ValueTask return type
            return ValueTask.CompletedTask;
#pragma warning restore CS0162
        }).AsTask());
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Pipeline_ApiKeepsFailing_CircuitOpensAndStopsCallingEc2()
    {
        var options = new AwsProviderOptions { Ec2MaxRetries = 0, BreakerMinimumThroughput = 4, Ec2Burst = 100, Ec2RequestsPerSecond = 100 };
        using var resilience = new Ec2Resilience(options, _time);
        var attempts = 0;
        ValueTask Failing(CancellationToken _)
        {
            attempts++;
            throw new AmazonEC2Exception("boom") { ErrorCode = "InternalError", StatusCode = System.Net.HttpStatusCode.InternalServerError };
        }

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<AmazonEC2Exception>(() => resilience.Pipeline.ExecuteAsync(Failing).AsTask());
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => resilience.Pipeline.ExecuteAsync(Failing).AsTask());
        Assert.Equal(4, attempts);

        _time.Advance(options.BreakerBreakDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await resilience.Pipeline.ExecuteAsync(_ => ValueTask.FromResult(1)));
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(1, 0.999)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.999)]
    [InlineData(5, 0.999)]
    [InlineData(9, 0.999)]
    [InlineData(30, 0.3)]
    public void ThrottleDelay_AnyRetry_BetweenTheBaseAndTheCappedDoubling(int retry, double random)
    {
        var baseDelay = TimeSpan.FromSeconds(1);
        var maxDelay = TimeSpan.FromSeconds(20);

        var delay = Ec2Resilience.ThrottleDelay(retry, baseDelay, maxDelay, random);

        var ceiling = TimeSpan.FromSeconds(Math.Min(20, Math.Pow(2, retry)));
        Assert.InRange(delay, baseDelay, ceiling);
    }

    [Fact]
    public void ThrottleDelay_Draws_SpreadOverTheWholeRange()
    {
        var low = Ec2Resilience.ThrottleDelay(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), 0);
        var high = Ec2Resilience.ThrottleDelay(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), 0.999);

        Assert.Equal(TimeSpan.FromSeconds(1), low);
        Assert.InRange(high, TimeSpan.FromSeconds(15.9), TimeSpan.FromSeconds(16));
    }

    [Fact]
    public async Task Pipeline_Throttled_EveryRetryWaitsAtLeastTheThrottleBaseDelay()
    {
        var delays = new List<TimeSpan>();
        var options = new AwsProviderOptions { Ec2MaxRetries = 5, Ec2Burst = 100, Ec2RequestsPerSecond = 100, BreakerMinimumThroughput = 100 };
        using var resilience = new Ec2Resilience(options, _time, (_, _, delay) => delays.Add(delay), new Random(5));
        var call = new FailingFirst<int>(5, () => new AmazonEC2Exception("Request limit exceeded.") { ErrorCode = "RequestLimitExceeded" }, 1);

        var result = resilience.Pipeline.ExecuteAsync(call.InvokeAsync).AsTask();

        Assert.Equal(1, await DriveAsync(result));
        Assert.Equal(5, delays.Count);
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i], options.Ec2ThrottleRetryBaseDelay, TimeSpan.FromSeconds(Math.Min(20, Math.Pow(2, i + 1))));
        }
    }

    [Fact]
    public async Task Pipeline_Throttled_DelayNotCutToTheShortRetryCap()
    {
        var delays = new List<TimeSpan>();
        var options = new AwsProviderOptions { Ec2MaxRetries = 2, Ec2RetryMaxDelay = TimeSpan.FromMilliseconds(500), BreakerMinimumThroughput = 100 };
        using var resilience = new Ec2Resilience(options, _time, (_, _, delay) => delays.Add(delay), new HighRandom());
        var call = new FailingFirst<int>(2, () => new AmazonEC2Exception("Rate exceeded") { ErrorCode = "Throttling" }, 1);

        var result = resilience.Pipeline.ExecuteAsync(call.InvokeAsync).AsTask();

        Assert.Equal(1, await DriveAsync(result));
        Assert.InRange(delays[0], TimeSpan.FromSeconds(1.99), TimeSpan.FromSeconds(2));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(3.99), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Pipeline_ServerError_RetriesKeepTheShortDelays()
    {
        var delays = new List<TimeSpan>();
        var options = new AwsProviderOptions
        {
            Ec2MaxRetries = 4, Ec2RetryMaxDelay = TimeSpan.FromMilliseconds(900), Ec2Burst = 100, Ec2RequestsPerSecond = 100, BreakerMinimumThroughput = 100,
        };
        using var resilience = new Ec2Resilience(options, _time, (_, _, delay) => delays.Add(delay), new Random(5));
        var call = new FailingFirst<int>(4, () => new AmazonEC2Exception("boom") { ErrorCode = "InternalError", StatusCode = System.Net.HttpStatusCode.InternalServerError }, 1);

        var result = resilience.Pipeline.ExecuteAsync(call.InvokeAsync).AsTask();

        Assert.Equal(1, await DriveAsync(result));
        Assert.Equal(4, delays.Count);
        Assert.All(delays, d => Assert.True(d < options.Ec2ThrottleRetryBaseDelay, $"a 5xx retry waited {d}, the throttling delay"));
    }

    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 2000 && !task.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        return await task;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Granted calls start on thread-pool threads; on a busy machine that can take seconds, so the
        // wait is bounded generously (a minute) and the assertion after it tells the count.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition() && !deadline.IsCancellationRequested)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        await Task.Delay(20); // let any call that should not start have its chance to
    }

    // A call that throws a fresh error on its first `failures` attempts, then returns `value`.
    private sealed class FailingFirst<T>(int failures, Func<Exception> error, T value)
    {
        public int Attempts { get; private set; }

        public ValueTask<T> InvokeAsync(CancellationToken cancellationToken) =>
            ++Attempts <= failures ? throw error() : ValueTask.FromResult(value);
    }

    // The top of every jitter range.
    private sealed class HighRandom : Random
    {
        public override double NextDouble() => 0.999;
    }
}
