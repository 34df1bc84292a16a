using System.Threading.RateLimiting;

namespace Cloudnet.Providers.Aws.Ec2;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: <c>rate</c> tokens per second accrue
/// continuously up to <c>burst</c>; acquirers that find too few wait in FIFO order for the tokens
/// to accrue (never rejected unless the queue is full). System.Threading.RateLimiting's
/// TokenBucketRateLimiter measures elapsed time with Stopwatch even when replenished by hand, so
/// it cannot run on a fake clock; this one can.
/// </summary>
public sealed class TimeProviderTokenBucket : RateLimiter
{
    // Tolerance for floating-point refill arithmetic, so a token due "now" is not missed by 1e-12.
    private const double Epsilon = 1e-9;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly int _burst;
    private readonly int _queueLimit;
    private readonly LinkedList<Waiter> _queue = new();
    private readonly ITimer _timer;
    private double _tokens;
    private long _last;
    private long _granted;
    private long _rejected;
    private bool _disposed;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="tokensPerSecond">Steady rate (&gt; 0).</param>
    /// <param name="burst">Capacity (≥ 1).</param>
    /// <param name="queueLimit">Waiting acquirers beyond which acquisition is rejected.</param>
    /// <param name="timeProvider">Clock.</param>
    public TimeProviderTokenBucket(double tokensPerSecond, int burst, int queueLimit, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _rate = tokensPerSecond;
        _burst = burst;
        _queueLimit = queueLimit;
        _tokens = burst;
        _last = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(_ => Drain(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => null;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                CurrentQueuedCount = _queue.Count,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _rejected,
            };
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            Refill();
            if (_queue.Count == 0 && _tokens + Epsilon >= permitCount)
            {
                _tokens -= permitCount;
                _granted++;
                return Lease.Granted;
            }

            _rejected++;
            return Lease.Rejected;
        }
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Waiter waiter;
        lock (_lock)
        {
            Refill();
            if (_queue.Count == 0 && _tokens + Epsilon >= permitCount)
            {
                _tokens -= permitCount;
                _granted++;
                return ValueTask.FromResult<RateLimitLease>(Lease.Granted);
            }

            if (_queue.Count >= _queueLimit || permitCount > _burst)
            {
                _rejected++;
                return ValueTask.FromResult<RateLimitLease>(Lease.Rejected);
            }

            waiter = new Waiter(permitCount);
            waiter.Node = _queue.AddLast(waiter);
            ScheduleLocked();
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        List<Waiter> pending;
        lock (_lock)
        {
            _disposed = true;
            pending = [.. _queue];
            _queue.Clear();
        }

        _timer.Dispose();
        foreach (var waiter in pending)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(Lease.Rejected);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = (now - _last) / (double)_time.TimestampFrequency;
        _last = now;
        _tokens = Math.Min(_burst, _tokens + (elapsed * _rate));
    }

    private void ScheduleLocked()
    {
        if (_queue.First is not { } head)
        {
            return;
        }

        var missing = Math.Max(head.Value.Permits - _tokens, 0);
        var due = TimeSpan.FromTicks(Math.Max((long)Math.Ceiling(missing / _rate * TimeSpan.TicksPerSecond), 1));
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Drain()
    {
        var ready = new List<Waiter>();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            Refill();
            while (_queue.First is { } head && _tokens + Epsilon >= head.Value.Permits)
            {
                _tokens -= head.Value.Permits;
                _granted++;
                _queue.RemoveFirst();
                head.Value.Node = null;
                ready.Add(head.Value);
            }

            ScheduleLocked();
        }

        foreach (var waiter in ready)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(Lease.Granted);
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            waiter.Node = null;
            ScheduleLocked();
        }

        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter(int permits)
    {
        public int Permits { get; } = permits;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Rejected = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
