using CsCheck;
using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Tests.Planning;

public class PoolPlannerPropertyTests
{
    // Each plan adds at most one interface, which the next plan fills, so a node of at most six
    // interfaces settles well within this many rounds.
    private const int MaxRounds = 16;

    [Fact]
    public void Plan_AnyState_StaysWithinLimitsAndNeverReleasesWhatIsInUse()
    {
        PlannerScenario.All.Sample(s =>
        {
            var state = new PoolSimulator(s.Nics, s.Pending, s.Limits.AddressesPerPrefix).Snapshot();

            var plan = PoolPlanner.Plan(state, s.Targets, s.Limits);

            PlanChecks.AssertSafe(state, s.Targets, s.Limits, plan);
        }, iter: 5000, print: s => s.ToString());
    }

    [Theory]
    [InlineData(PlanMode.WarmEni)]
    [InlineData(PlanMode.WarmIP)]
    [InlineData(PlanMode.Prefix)]
    public void Plan_ExecutedAndReplanned_SettlesWithoutOscillating(PlanMode mode)
    {
        PlannerScenario.Of(mode).Sample(s =>
        {
            var node = new PoolSimulator(s.Nics, s.Pending, s.Limits.AddressesPerPrefix);
            var grew = false;
            var shrank = false;
            for (var round = 0; round < MaxRounds; round++)
            {
                var state = node.Snapshot();
                var plan = PoolPlanner.Plan(state, s.Targets, s.Limits);
                PlanChecks.AssertSafe(state, s.Targets, s.Limits, plan);
                if (plan.IsEmpty)
                {
                    Assert.Matches("^(at targets|.*cannot grow$|.*nothing unused to release$)", plan.Reason);
                    return;
                }

                // Deleting an interface that holds nothing changes no capacity, so it may follow a fill.
                var shrinksCapacity = plan.Actions.Any(a => a is ReleaseAddresses or ReleasePrefixes)
                    || (PlanChecks.Shrinks(plan) && Deletes(plan, state).Any(n => n.SecondaryAddresses > 0 || n.Prefixes.Length > 0));
                Assert.False(PlanChecks.Grows(plan) && shrank, $"round {round} grows after a shrink: {plan.Reason}");
                Assert.False(shrinksCapacity && grew, $"round {round} shrinks after a grow: {plan.Reason}");
                grew |= PlanChecks.Grows(plan);
                shrank |= PlanChecks.Shrinks(plan);

                node.Apply(plan);
                node.ServePending();
            }

            Assert.Fail($"no empty plan after {MaxRounds} rounds; last: {PoolPlanner.Plan(node.Snapshot(), s.Targets, s.Limits).Reason}");
        }, iter: 2000, print: s => s.ToString());
    }

    [Fact]
    public void Plan_SameInput_SamePlan()
    {
        PlannerScenario.All.Sample(s =>
        {
            var state = new PoolSimulator(s.Nics, s.Pending, s.Limits.AddressesPerPrefix).Snapshot();

            var first = PoolPlanner.Plan(state, s.Targets, s.Limits);
            var second = PoolPlanner.Plan(state, s.Targets, s.Limits);

            Assert.Equal(first.Reason, second.Reason);
            Assert.Equal(first.Actions.Select(a => a.ToString()), second.Actions.Select(a => a.ToString()));
        }, iter: 500, print: s => s.ToString());
    }

    private static IEnumerable<InterfaceState> Deletes(PoolPlan plan, PoolState state) =>
        plan.Actions.OfType<DeleteInterface>().Select(d => state.Interfaces.Single(n => n.Id == d.InterfaceId));
}
