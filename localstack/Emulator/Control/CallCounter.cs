namespace Cloudnet.Emulator.Control;

/// <summary>Counts EC2 calls per action and how they ended, for "calls per 1,000 pods" benchmarks.</summary>
public sealed class CallCounter
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, ActionCalls> _actions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, CallSecond> _seconds = [];
    private readonly TimeProvider _time;
    private long _imds;

    /// <summary>A counter on the system clock.</summary>
    public CallCounter()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A counter whose per-second timeline follows <paramref name="time"/>.</summary>
    public CallCounter(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Every EC2 call counted so far.</summary>
    public long Total
    {
        get
        {
            lock (_gate)
            {
                return _actions.Values.Sum(a => a.Calls);
            }
        }
    }

    /// <summary>Calls of one action (zero counts when never called).</summary>
    public ActionCalls Of(string action)
    {
        lock (_gate)
        {
            return _actions.TryGetValue(action, out var a) ? a : new ActionCalls(0, 0, 0);
        }
    }

    /// <summary>A copy of every count: total, IMDS requests and per action.</summary>
    public CallsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new CallsSnapshot(_actions.Values.Sum(a => a.Calls), _imds, new SortedDictionary<string, ActionCalls>(_actions, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// EC2 calls per wall-clock second (UTC, whole seconds) since the last reset, oldest first; seconds
    /// without a call are left out. The highest <see cref="CallSecond.Calls"/> is the peak request rate
    /// a fleet put on the API.
    /// </summary>
    public IReadOnlyList<CallSecond> PerSecond()
    {
        lock (_gate)
        {
            return [.. _seconds.Values];
        }
    }

    /// <summary>Back to zero.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _actions.Clear();
            _seconds.Clear();
            _imds = 0;
        }
    }

    internal void Record(string action, bool failed, bool throttled)
    {
        lock (_gate)
        {
            var second = _time.GetUtcNow().ToUnixTimeSeconds();
            var s = _seconds.TryGetValue(second, out var inSecond) ? inSecond : new CallSecond(DateTimeOffset.FromUnixTimeSeconds(second), 0, 0);
            _seconds[second] = s with { Calls = s.Calls + 1, Throttled = s.Throttled + (throttled ? 1 : 0) };
            var a = _actions.TryGetValue(action, out var current) ? current : new ActionCalls(0, 0, 0);
            _actions[action] = new ActionCalls(a.Calls + 1, a.Errors + (failed ? 1 : 0), a.Throttled + (throttled ? 1 : 0));
        }
    }

    internal void RecordImds()
    {
        lock (_gate)
        {
            _imds++;
        }
    }
}

/// <summary>Calls of one action: all, those answered with an error (throttling included), those throttled.</summary>
/// <param name="Calls">Every call.</param>
/// <param name="Errors">Calls that got an error response.</param>
/// <param name="Throttled">Calls that got RequestLimitExceeded.</param>
public sealed record ActionCalls(long Calls, long Errors, long Throttled);

/// <summary>The body of GET /_emulator/calls.</summary>
/// <param name="Total">EC2 calls.</param>
/// <param name="Imds">IMDS requests.</param>
/// <param name="Actions">Per EC2 action.</param>
public sealed record CallsSnapshot(long Total, long Imds, IReadOnlyDictionary<string, ActionCalls> Actions);
