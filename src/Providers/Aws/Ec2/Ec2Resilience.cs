using Cloudnet.Ipam.Cloud;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Cloudnet.Providers.Aws.Ec2;

/// <summary>
/// The node's EC2 call pipeline, outermost first: retry (jittered exponential backoff: 1 s to 20 s
/// on throttling, an account-wide limit; from 200 ms on 5xx and timeouts) → circuit breaker (a
/// broken API pauses calls instead of feeding a retry storm) → token bucket (every attempt, retries
/// included, takes a token, so the node's EC2 rate is bounded whatever happens) → per-attempt timeout. Everything runs on the given
/// <see cref="TimeProvider"/>, so tests can drive it with a fake clock.
/// </summary>
public sealed class Ec2Resilience : IDisposable
{
    private readonly TimeProviderTokenBucket _bucket;

    /// <summary>Builds the pipeline from <paramref name="options"/>.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="timeProvider">Clock of the retries, the breaker and the token bucket.</param>
    /// <param name="onRetry">Called before each retry with the failure, the retry's number (from 1) and its delay.</param>
    /// <param name="random">Jitter of throttled retries; <see cref="Random.Shared"/> when null (tests pass a seeded one).</param>
    public Ec2Resilience(AwsProviderOptions options, TimeProvider timeProvider, Action<Exception, int, TimeSpan>? onRetry = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Func<double> next = random is null ? Random.Shared.NextDouble : () =>
        {
            lock (random)
            {
                return random.NextDouble();
            }
        };

        _bucket = new TimeProviderTokenBucket(options.Ec2RequestsPerSecond, options.Ec2Burst, queueLimit: 100_000, timeProvider);
        TokensPerSecond = options.Ec2RequestsPerSecond;
        Burst = options.Ec2Burst;

        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.Ec2MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(Ec2Errors.IsRetryable),
                MaxRetryAttempts = options.Ec2MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Ec2RetryBaseDelay,
                MaxDelay = options.Ec2RetryMaxDelay,
                // Throttling is the account's limit, shared with every node: back off as the AWS SDKs
                // do, not at the short delays that suit a 5xx. Null keeps Polly's exponential backoff.
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is { } ex && Ec2Errors.Classify(ex) == CloudErrorKind.Throttled
                        ? ThrottleDelay(args.AttemptNumber + 1, options.Ec2ThrottleRetryBaseDelay, options.Ec2ThrottleRetryMaxDelay, next())
                        : null),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        Pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(Ec2Errors.IsRetryable),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = Math.Max(options.BreakerMinimumThroughput, 2),
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
            })
            .AddRateLimiter(_bucket)
            .AddTimeout(options.Ec2AttemptTimeout)
            .Build();
    }

    /// <summary>The composed pipeline every EC2 call runs through.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>Steady rate the bucket allows, per second.</summary>
    public double TokensPerSecond { get; }

    /// <summary>Bucket capacity.</summary>
    public int Burst { get; }

    /// <summary>Tokens in the bucket now (for tests and introspection).</summary>
    public long AvailableTokens => _bucket.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>
    /// Wait before retry <paramref name="retry"/> (from 1) of a throttled call: uniformly random
    /// (<paramref name="random"/> in [0, 1)) between <paramref name="baseDelay"/> and
    /// min(<paramref name="maxDelay"/>, <paramref name="baseDelay"/> × 2^retry). With the defaults
    /// (1 s, 20 s) that is the AWS SDKs' full-jitter ceiling (2, 4, 8, 16, 20 s) with a 1 s floor,
    /// so no node's retry comes back before the account's bucket has refilled for a second.
    /// </summary>
    internal static TimeSpan ThrottleDelay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var ceiling = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Clamp(retry, 0, 30)));
        var floor = Math.Min(baseDelay.Ticks, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(floor + (Math.Clamp(random, 0, 1) * Math.Max(ceiling - floor, 0))));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _bucket.Dispose();
    }
}
