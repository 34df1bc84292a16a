using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Cloudnet.Providers.Aws.Ec2;

/// <summary>
/// The node's EC2 call pipeline, outermost first: retry (jittered exponential backoff on throttling
/// and transient failures) → circuit breaker (a broken API pauses calls instead of feeding a retry
/// storm) → token bucket (every attempt, retries included, takes a token, so the node's EC2 rate is
/// bounded whatever happens) → per-attempt timeout. Everything runs on the given
/// <see cref="TimeProvider"/>, so tests can drive it with a fake clock.
/// </summary>
public sealed class Ec2Resilience : IDisposable
{
    private readonly TimeProviderTokenBucket _bucket;

    /// <summary>Builds the pipeline from <paramref name="options"/>.</summary>
    public Ec2Resilience(AwsProviderOptions options, TimeProvider timeProvider, Action<Exception, int, TimeSpan>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

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

    /// <inheritdoc />
    public void Dispose()
    {
        _bucket.Dispose();
    }
}
