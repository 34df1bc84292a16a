using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;
using static Cloudnet.Ipam.Tests.Planning.PoolStates;

namespace Cloudnet.Ipam.Tests.Planning;

// MAX_ENI, the provider's limits, MaxPods and interfaces excluded from pods.
public class PoolPlannerLimitsTests
{
    [Fact]
    public void Plan_ShortAtMaxEni_IsEmptyAndSaysCannotGrow()
    {
        var state = Node(Primary(assigned: 10), Nic(1, assigned: 10));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = 5, MaxEni = 2 }, Limits());

        Assert.True(plan.IsEmpty);
        Assert.Equal("short by 5 free addresses (warm ip target 5, free 0); MAX_ENI (2) reached; cannot grow", plan.Reason);
    }

    [Fact]
    public void Plan_ShortAtProviderLimit_NamesInterfaceLimit()
    {
        var state = Node(Primary(assigned: 10), Nic(1, assigned: 10));

        var plan = PoolPlanner.Plan(state, new PoolTargets { MaxEni = 5 }, Limits(maxInterfaces: 2));

        Assert.True(plan.IsEmpty);
        Assert.EndsWith("interface limit (2) reached; cannot grow", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ShortWithSomeRoomAtLimit_AssignsWhatFitsAndSaysStillShort()
    {
        var state = Node(Primary(assigned: 10), Nic(1, assigned: 8));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = 5, MaxEni = 2 }, Limits());

        Assert.Equal([new AssignAddresses("eni-1", 2)], plan.Actions);
        Assert.EndsWith("MAX_ENI (2) reached; still short by 3 addresses", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AddressesAtInterfaceLimit_NeverAssignedBeyondIt()
    {
        var plan = PoolPlanner.Plan(Node(Primary(assigned: 6)), new PoolTargets { WarmIPTarget = 8 }, Limits(maxInterfaces: 1));

        Assert.Equal([new AssignAddresses("eni-0", 4)], plan.Actions);
    }

    [Fact]
    public void Plan_MaxPods_CapsWarmTarget()
    {
        var plan = PoolPlanner.Plan(Node(Primary(assigned: 10)), new PoolTargets { WarmIPTarget = 5, MaxPods = 12 }, Limits(perInterface: 30));

        Assert.Equal([new AssignAddresses("eni-0", 2)], plan.Actions);
        Assert.Contains("max pods 12", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MaxPodsReached_DoesNotGrow()
    {
        var plan = PoolPlanner.Plan(Node(4, Primary(assigned: 10)), new PoolTargets { WarmIPTarget = 5, MaxPods = 10 }, Limits(perInterface: 30));

        Assert.True(plan.IsEmpty);
        Assert.Equal("at targets capped by max pods (warm ip target 5, pending 4, free 0, max pods 10); cannot grow", plan.Reason);
    }

    [Fact]
    public void Plan_MaxPodsWithCooling_CoolingDoesNotUseUpTheCap()
    {
        // 5 pods run and MaxPods is 10: 5 more can start, and the 5 cooling addresses cannot serve them.
        var state = Node(Primary(assigned: 5, cooling: 5));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = 10, MaxPods = 10 }, Limits(perInterface: 30));

        Assert.Equal([new AssignAddresses("eni-0", 5)], plan.Actions);
    }

    [Fact]
    public void Plan_MaxPodsBelowWarmInterface_FillsOnlyUpToMaxPods()
    {
        var plan = PoolPlanner.Plan(Node(Primary()), new PoolTargets { MaxPods = 4 }, Limits());

        Assert.Equal([new AssignAddresses("eni-0", 4)], plan.Actions);
    }

    [Theory]
    [InlineData(20, 1)] // 4 more pods may start: one whole prefix, so the last pod gets an address
    [InlineData(16, 0)]
    public void Plan_MaxPodsInPrefixMode_RoundsUpToWholePrefix(int maxPods, int expected)
    {
        var targets = new PoolTargets { PrefixDelegation = true, MaxPods = maxPods };

        var plan = PoolPlanner.Plan(Node(Primary().WithPrefixes((16, 0))), targets, Limits());

        Assert.Equal(expected, plan.Actions.OfType<AssignPrefixes>().Sum(a => a.Count));
    }

    [Fact]
    public void Plan_ExcludedPrimary_GivesNoCapacityAndGetsNothing()
    {
        var state = Node(Primary(free: 20).Excluded(), Nic(1, assigned: 10));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = 5 }, Limits());

        Assert.Equal([new CreateInterface(Addresses: 5)], plan.Actions);
    }

    [Fact]
    public void Plan_ExcludedInterface_CountsTowardInterfaceLimit()
    {
        var state = Node(Primary().Excluded(), Nic(1, assigned: 10));

        var plan = PoolPlanner.Plan(state, new PoolTargets { MaxEni = 2 }, Limits());

        Assert.True(plan.IsEmpty);
        Assert.EndsWith("MAX_ENI (2) reached; cannot grow", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ExcludedUnusedInterface_NeverDeletedOrReleased()
    {
        var state = Node(Primary(free: 10), Nic(1, free: 10).Excluded(), Nic(2).Excluded());

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = 1 }, Limits());

        Assert.All(plan.Actions, a => Assert.Equal("eni-0", Assert.IsType<ReleaseAddresses>(a).InterfaceId));
    }

    [Fact]
    public void Plan_NegativeTarget_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => PoolPlanner.Plan(Node(Primary()), new PoolTargets { WarmIPTarget = -1 }, Limits()));

        Assert.Contains("WarmIPTarget", error.ParamName, StringComparison.Ordinal);
    }
}
