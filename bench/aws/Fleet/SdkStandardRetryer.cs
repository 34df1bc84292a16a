using System.Net;
using Amazon.Runtime;

namespace Cloudnet.Bench.Fleet;

/// <summary>
/// The AWS SDK for Go v2's default retryer, <c>retry.NewStandard()</c>, as aws-node's EC2 client gets
/// it: since aws-node moved to SDK v2 (amazon-vpc-cni-k8s #3070, Dec 2024), <c>awsutils.New</c> builds
/// the EC2 client with <c>config.LoadDefaultConfig</c> and no retryer option, so it has the SDK
/// defaults — 3 attempts, backoff <c>random[0,1) × 2^attempt</c> seconds capped at 20 s (full jitter),
/// and a per-client retry quota of 500 tokens (a retry costs 5, a retry after a timeout 10; every
/// successful attempt gives 1 back and a successful retry its cost). There is no client-side rate limit
/// on first attempts and no Retry-After handling (EC2 sends none). One instance per simulated aws-node
/// process; not thread-safe across concurrent calls beyond the quota's lock.
/// </summary>
public sealed class SdkStandardRetryer
{
    /// <summary>Attempts per call (retry.DefaultMaxAttempts).</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>retry.DefaultRetryRateTokens.</summary>
    public const int QuotaCapacity = 500;

    /// <summary>retry.DefaultRetryCost.</summary>
    public const int RetryCost = 5;

    /// <summary>retry.DefaultRetryTimeoutCost.</summary>
    public const int TimeoutCost = 10;

    /// <summary>retry.DefaultNoRetryIncrement.</summary>
    public const int NoRetryIncrement = 1;

    /// <summary>retry.DefaultMaxBackoff.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    // Throttle codes of retry.DefaultThrottleErrorCodes that EC2 can return, plus the retryable codes.
    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled", "RequestThrottledException",
        "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    };

    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly TimeProvider _time;
    private readonly int _maxAttempts;
    private int _quota;

    /// <summary>A retryer with a full quota.</summary>
    public SdkStandardRetryer(Random random, TimeProvider time, int maxAttempts = DefaultMaxAttempts, int quota = QuotaCapacity)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _random = random;
        _time = time;
        _maxAttempts = maxAttempts;
        _quota = quota;
    }

    /// <summary>Retry tokens left.</summary>
    public int Quota
    {
        get
        {
            lock (_gate)
            {
                return _quota;
            }
        }
    }

    /// <summary>Retries refused because the quota was empty.</summary>
    public int QuotaRefusals { get; private set; }

    /// <summary>The SDK's ExponentialJitterBackoff: <paramref name="random01"/> × 2^<paramref name="attempt"/> seconds,
    /// or the 20 s cap once 2^attempt passes it (attempt &gt; 4). <paramref name="attempt"/> is the attempt that failed, from 1.</summary>
    public static TimeSpan BackoffDelay(int attempt, double random01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (attempt > (int)Math.Log2(MaxBackoff.TotalSeconds))
        {
            return MaxBackoff;
        }

        return TimeSpan.FromSeconds(random01 * (1L << attempt));
    }

    /// <summary>Whether the SDK retries <paramref name="error"/>: throttling codes, HTTP 500/502/503/504,
    /// connection failures and attempt timeouts.</summary>
    public static bool IsRetryable(Exception error) => error switch
    {
        AmazonServiceException s when s.ErrorCode is { } code && RetryableCodes.Contains(code) => true,
        AmazonServiceException s => s.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        _ => false,
    };

    /// <summary>Runs <paramref name="call"/> with the SDK's retries; the last error is thrown when they run out.</summary>
    public async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var held = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await call(cancellationToken).ConfigureAwait(false);
                Release(held + NoRetryIncrement);
                return result;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsRetryable(e) && attempt < _maxAttempts)
            {
                var cost = e is TimeoutException or TaskCanceledException ? TimeoutCost : RetryCost;
                if (!TryTake(cost))
                {
                    throw;
                }

                held = cost;
                double r;
                lock (_gate)
                {
                    r = _random.NextDouble();
                }

                await Task.Delay(BackoffDelay(attempt, r), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private bool TryTake(int cost)
    {
        lock (_gate)
        {
            if (_quota < cost)
            {
                QuotaRefusals++;
                return false;
            }

            _quota -= cost;
            return true;
        }
    }

    private void Release(int tokens)
    {
        lock (_gate)
        {
            _quota = Math.Min(QuotaCapacity, _quota + tokens);
        }
    }
}
