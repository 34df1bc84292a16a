namespace Cloudnet.Ipam.Planning;

/// <summary>
/// Holds back plans that only give addresses or interfaces back until the surplus has lasted
/// <see cref="Delay"/>. A surplus that ends sooner (pods come back) costs no EC2 call at all, instead
/// of a release now and an assign or a new interface a minute later — the ENI churn and throttling
/// that aws-node users see with waves of pods. Plans that grow the pool pass at once.
/// </summary>
/// <remarks>
/// The surplus is "the same" while every plan in between was a shrink plan; a growing or empty plan
/// ends it, and the next surplus waits the full delay again. Not thread-safe: the reconciler calls
/// it from its rounds, which run one at a time.
/// </remarks>
/// <param name="delay">How long a surplus must last before it is released; zero releases at once.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class ReleaseHysteresis(TimeSpan delay, TimeProvider timeProvider)
{
    private DateTimeOffset? _surplusSince;

    /// <summary>How long a surplus must last before it is released.</summary>
    public TimeSpan Delay { get; } = delay >= TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(nameof(delay), delay, "the release delay must be >= 0");

    /// <summary>When the current surplus may be released (a round should run then); null without a held surplus.</summary>
    public DateTimeOffset? ReleaseDueAt => _surplusSince + Delay;

    /// <summary>Returns <paramref name="plan"/>, or an empty plan that says why while a shrink-only plan
    /// has not lasted <see cref="Delay"/>.</summary>
    public PoolPlan Apply(PoolPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsEmpty || plan.Actions.Any(a => a is AssignAddresses or AssignPrefixes or CreateInterface))
        {
            _surplusSince = null;
            return plan;
        }

        var now = timeProvider.GetUtcNow();
        var since = _surplusSince ??= now;
        if (now - since >= Delay)
        {
            _surplusSince = null;
            return plan;
        }

        var left = since + Delay - now;
        return new PoolPlan([], PlanBuilder.Text($"release held for {left.TotalSeconds:0} s more (surplus for {(now - since).TotalSeconds:0} s, release delay {Delay.TotalSeconds:0} s): {plan.Reason}"));
    }
}
