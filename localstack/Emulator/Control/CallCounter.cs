namespace Cloudnet.Emulator.Control;

/// <summary>Counts EC2 calls per action and how they ended, for "calls per 1,000 pods" benchmarks.</summary>
public sealed class CallCounter
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, ActionCalls> _actions = new(StringComparer.Ordinal);
    // Calls and throttled calls per 100 ms slot (unix ms / 100): whole seconds for PerSecond, any
    // 1-second window for BusiestSecond (a burst straddling a second boundary is not halved).
    private readonly SortedDictionary<long, (long Calls, long Throttled)> _slots = [];
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
            return [.. _slots.GroupBy(s => Math.DivRem(s.Key, 10).Quotient)
                .Select(g => new CallSecond(DateTimeOffset.FromUnixTimeSeconds(g.Key), g.Sum(s => s.Value.Calls), g.Sum(s => s.Value.Throttled)))];
        }
    }

    /// <summary>
    /// The most EC2 calls, and separately the most throttled calls, received within any one-second
    /// window (at 100 ms resolution) since the last reset: the peak request rate.
    /// </summary>
    public CallPeak BusiestSecond()
    {
        lock (_gate)
        {
            var slots = _slots.ToList();
            long calls = 0, throttled = 0, windowCalls = 0, windowThrottled = 0;
            var first = 0;
            foreach (var (key, value) in slots)
            {
                windowCalls += value.Calls;
                windowThrottled += value.Throttled;
                while (slots[first].Key <= key - 10)
                {
                    windowCalls -= slots[first].Value.Calls;
                    windowThrottled -= slots[first].Value.Throttled;
                    first++;
                }

                calls = Math.Max(calls, windowCalls);
                throttled = Math.Max(throttled, windowThrottled);
            }

            return new CallPeak(calls, throttled);
        }
    }

    /// <summary>Back to zero.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _actions.Clear();
            _slots.Clear();
            _imds = 0;
        }
    }

    internal void Record(string action, bool failed, bool throttled)
    {
        lock (_gate)
        {
            var slot = Math.DivRem(_time.GetUtcNow().ToUnixTimeMilliseconds(), 100).Quotient;
            var s = _slots.GetValueOrDefault(slot);
            _slots[slot] = (s.Calls + 1, s.Throttled + (throttled ? 1 : 0));
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
