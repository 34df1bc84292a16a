namespace Cloudnet.Ipam.Planning;

/// <summary>
/// Holds back plans that only give addresses or interfaces back until the surplus has lasted
/// <see cref="Delay"/>. A surplus that ends sooner (pods come back) costs no EC2 call at all, instead
/// of a release now and an assign or a new interface a minute later — the ENI churn and throttling
/// that aws-node users see with waves of pods. Plans that grow the pool pass at once.
/// </summary>
/// <remarks>
/// <para>The surplus is "the same" while every plan in between was a shrink plan; a growing or empty
/// plan ends it, and the next surplus waits the full delay again.</para>
/// <para>The delay learns from its mistakes. A release followed by growth within the delay it waited
/// was premature: had the surplus been held twice as long, the growth would have found it still
/// there. The delay then doubles, up to <see cref="MaxDelay"/>, so a workload whose quiet spells
/// outlast the configured delay (a batch every ten minutes) stops re-creating its interfaces after
/// one cycle. A release that is not followed by growth within the delay was right, and halves the
/// delay back towards <see cref="BaseDelay"/>. A zero base delay releases at once and learns nothing.</para>
/// <para>The reconciler calls <see cref="Apply"/> from its rounds, one at a time; the properties may be
/// read from any thread.</para>
/// </remarks>
public sealed class ReleaseHysteresis
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private DateTimeOffset? _surplusSince;
    private DateTimeOffset? _releasedAt;
    private TimeSpan _delay;

    /// <summary>A delay that does not learn: it stays <paramref name="delay"/>.</summary>
    /// <param name="delay">How long a surplus must last before it is released; zero releases at once.</param>
    /// <param name="timeProvider">The clock.</param>
    public ReleaseHysteresis(TimeSpan delay, TimeProvider timeProvider)
        : this(delay, delay, timeProvider)
    {
    }

    /// <summary>A delay that starts at <paramref name="delay"/> and learns up to <paramref name="maxDelay"/>.</summary>
    /// <param name="delay">How long a surplus must last before it is released; zero releases at once.</param>
    /// <param name="maxDelay">The longest the delay may grow to; at least <paramref name="delay"/>.</param>
    /// <param name="timeProvider">The clock.</param>
    public ReleaseHysteresis(TimeSpan delay, TimeSpan maxDelay, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, delay);
        ArgumentNullException.ThrowIfNull(timeProvider);
        BaseDelay = delay;
        MaxDelay = maxDelay;
        _delay = delay;
        _timeProvider = timeProvider;
    }

    /// <summary>The configured delay, where learning starts and returns to.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The longest the delay may grow to.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>How long a surplus must last before it is released now.</summary>
    public TimeSpan Delay
    {
        get
        {
            lock (_lock)
            {
                return _delay;
            }
        }
    }

    /// <summary>When the current surplus may be released (a round should run then); null without a held surplus.</summary>
    public DateTimeOffset? ReleaseDueAt
    {
        get
        {
            lock (_lock)
            {
                return _surplusSince + _delay;
            }
        }
    }

    /// <summary>Returns <paramref name="plan"/>, or an empty plan that says why while a shrink-only plan
    /// has not lasted <see cref="Delay"/>.</summary>
    public PoolPlan Apply(PoolPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = _timeProvider.GetUtcNow();
        var grows = plan.Actions.Any(a => a is AssignAddresses or AssignPrefixes or CreateInterface);
        lock (_lock)
        {
            Learn(grows, now);
            if (plan.IsEmpty || grows)
            {
                _surplusSince = null;
                return plan;
            }

            var since = _surplusSince ??= now;
            if (now - since >= _delay)
            {
                _surplusSince = null;
                _releasedAt = _delay > TimeSpan.Zero ? now : null;
                return plan;
            }

            var left = since + _delay - now;
            return new PoolPlan([], PlanBuilder.Text($"release held for {left.TotalSeconds:0} s more (surplus for {(now - since).TotalSeconds:0} s, release delay {_delay.TotalSeconds:0} s): {plan.Reason}"));
        }
    }

    // Judges the last release once its outcome is known: growth inside its window, or the window closed.
    private void Learn(bool grows, DateTimeOffset now)
    {
        if (_releasedAt is not { } released)
        {
            return;
        }

        if (now - released >= _delay)
        {
            _delay = _delay / 2 > BaseDelay ? _delay / 2 : BaseDelay;
            _releasedAt = null;
        }
        else if (grows)
        {
            _delay = _delay * 2 < MaxDelay ? _delay * 2 : MaxDelay;
            _releasedAt = null;
        }
    }
}
