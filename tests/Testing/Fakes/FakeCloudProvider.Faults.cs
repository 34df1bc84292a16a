using Cloudnet.Ipam.Cloud;

namespace Cloudnet.Testing.Fakes;

public sealed partial class FakeCloudProvider
{
    private readonly Dictionary<string, Queue<CloudErrorKind>> _failNext = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly Random _random;
    private double _errorRate;
    private CloudErrorKind _errorRateKind = CloudErrorKind.Transient;
    private string? _errorRateOperation;
    private int _throttleBurst;
    private double _throttleRate;
    private double _throttleTokens;
    private DateTimeOffset _throttleRefilledAt;

    /// <summary>When true, prefix requests fail with InsufficientCidrBlocks, as a fragmented EC2 subnet does.</summary>
    public bool FragmentedSubnet { get; set; }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> fail with <paramref name="kind"/>.</summary>
    public void FailNext(string operation, CloudErrorKind kind, int times = 1)
    {
        lock (_gate)
        {
            if (!_failNext.TryGetValue(operation, out var queue))
            {
                _failNext[operation] = queue = new Queue<CloudErrorKind>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(kind);
            }
        }
    }

    /// <summary>Each call (of <paramref name="operation"/>, or of every operation when null) fails with
    /// probability <paramref name="rate"/>, drawn from the seeded random source.</summary>
    public void SetErrorRate(double rate, CloudErrorKind kind = CloudErrorKind.Transient, string? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1.0);
        lock (_gate)
        {
            _errorRate = rate;
            _errorRateKind = kind;
            _errorRateOperation = operation;
        }
    }

    /// <summary>Every call (of <paramref name="operation"/>, or of all when null) takes <paramref name="delay"/> on the fake's clock.</summary>
    public void SetDelay(TimeSpan delay, string? operation = null)
    {
        lock (_gate)
        {
            _delays[operation ?? "*"] = delay;
        }
    }

    /// <summary>A token bucket shared by all calls: <paramref name="burst"/> tokens, refilled at
    /// <paramref name="tokensPerSecond"/>; a call finding it empty fails with Throttled. Burst 0 turns it off.</summary>
    public void SetThrottle(int burst, double tokensPerSecond)
    {
        lock (_gate)
        {
            _throttleBurst = burst;
            _throttleRate = tokensPerSecond;
            _throttleTokens = burst;
            _throttleRefilledAt = _time.GetUtcNow();
        }
    }

    /// <summary>Removes every injected fault, delay and throttle.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _failNext.Clear();
            _delays.Clear();
            _errorRate = 0;
            _throttleBurst = 0;
            FragmentedSubnet = false;
        }
    }

    private async Task<T> CallAsync<T>(string operation, string? interfaceId, int count, Func<T> action, CancellationToken cancellationToken)
    {
        var delay = DelayOf(operation);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            try
            {
                var injected = InjectedFault(operation, now);
                if (injected is { } kind)
                {
                    throw Error(kind, operation, $"injected {kind} fault (interface {interfaceId ?? "-"})");
                }

                var result = action();
                _calls.Add(new FakeCloudCall(operation, interfaceId, count, null, now));
                return result;
            }
            catch (CloudProviderException ex)
            {
                _calls.Add(new FakeCloudCall(operation, interfaceId, count, ex.Kind, now));
                throw;
            }
        }
    }

    private TimeSpan DelayOf(string operation)
    {
        lock (_gate)
        {
            return _delays.GetValueOrDefault(operation, _delays.GetValueOrDefault("*"));
        }
    }

    private CloudErrorKind? InjectedFault(string operation, DateTimeOffset now)
    {
        if (_failNext.TryGetValue(operation, out var queue) && queue.Count > 0)
        {
            return queue.Dequeue();
        }

        if (_throttleBurst > 0)
        {
            _throttleTokens = Math.Min(_throttleBurst, _throttleTokens + ((now - _throttleRefilledAt).TotalSeconds * _throttleRate));
            _throttleRefilledAt = now;
            if (_throttleTokens < 1)
            {
                return CloudErrorKind.Throttled;
            }

            _throttleTokens -= 1;
        }

        if (_errorRate > 0 && (_errorRateOperation is null || _errorRateOperation == operation) && _random.NextDouble() < _errorRate)
        {
            return _errorRateKind;
        }

        if (FragmentedSubnet && operation == FakeCloudOperations.AssignPrefixes)
        {
            return CloudErrorKind.InsufficientCidrBlocks;
        }

        return null;
    }
}
