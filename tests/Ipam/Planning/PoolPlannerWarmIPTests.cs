using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;
using static Cloudnet.Ipam.Tests.Planning.PoolStates;

namespace Cloudnet.Ipam.Tests.Planning;

// Secondary-address mode with WARM_IP_TARGET / MINIMUM_IP_TARGET.
public class PoolPlannerWarmIPTests
{
    private static readonly PoolLimits Roomy = Limits(perInterface: 100);

    [Fact]
    public void Plan_WarmIPTargetShort_AssignsShortfallToPrimary()
    {
        var plan = PoolPlanner.Plan(Node(Primary(free: 5, assigned: 5)), new PoolTargets { WarmIPTarget = 10 }, Roomy);

        Assert.Equal([new AssignAddresses("eni-0", 5)], plan.Actions);
        Assert.Equal("short by 5 free addresses (warm ip target 10, free 5); assign 5 addresses to eni-0", plan.Reason);
    }

    [Theory]
    // warm, minimum, free, assigned, cooling, pending → addresses to assign
    [InlineData(10, 0, 5, 5, 0, 0, 5)]
    [InlineData(10, 0, 5, 5, 0, 3, 8)] // waiting ADDs add to the warm target
    [InlineData(10, 0, 5, 0, 5, 0, 5)] // cooling addresses are not free
    [InlineData(0, 30, 5, 5, 0, 0, 20)] // minimum alone: total 10 → 30
    [InlineData(10, 30, 5, 5, 0, 0, 20)] // the minimum's shortfall is larger
    [InlineData(10, 30, 0, 25, 0, 0, 10)] // the warm target's shortfall is larger
    [InlineData(5, 20, 0, 10, 10, 0, 5)] // cooling counts toward the minimum (total), not toward free
    public void Plan_AddressTargetsShort_AssignsLargerShortfall(
        int warm, int minimum, int free, int assigned, int cooling, int pending, int expected)
    {
        var state = Node(pending, Primary(free, assigned, cooling));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = warm, MinimumIPTarget = minimum }, Roomy);

        Assert.Equal([new AssignAddresses("eni-0", expected)], plan.Actions);
    }

    [Fact]
    public void Plan_AllCooling_GrowsInsteadOfCountingCoolingAsFree()
    {
        // The peer's bug: cooling addresses counted as available, so this pool never grew.
        var plan = PoolPlanner.Plan(Node(Primary(cooling: 10)), new PoolTargets { WarmIPTarget = 5 }, Roomy);

        Assert.Equal([new AssignAddresses("eni-0", 5)], plan.Actions);
    }

    [Fact]
    public void Plan_WarmIPTargetOverridesWarmEniTarget_AtTargets()
    {
        // WARM_ENI_TARGET=1 alone would want a whole interface (10) free.
        var targets = new PoolTargets { WarmEniTarget = 1, WarmIPTarget = 2 };

        var plan = PoolPlanner.Plan(Node(Primary(free: 2, assigned: 3)), targets, Limits());

        Assert.True(plan.IsEmpty);
        Assert.Equal("at targets (warm ip target 2, free 2)", plan.Reason);
    }

    [Fact]
    public void Plan_SurplusFree_ReleasesSurplusFromFreeAddresses()
    {
        var nic = Primary(free: 15, assigned: 5);

        var plan = PoolPlanner.Plan(Node(nic), new PoolTargets { WarmIPTarget = 10 }, Roomy);

        var release = Assert.IsType<ReleaseAddresses>(Assert.Single(plan.Actions));
        Assert.Equal("eni-0", release.InterfaceId);
        Assert.Equal(5, release.Addresses.Count);
        Assert.Subset(nic.FreeAddresses.ToHashSet(), release.Addresses.ToHashSet());
        Assert.StartsWith("5 addresses above targets", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MinimumIPTargetHoldsTotal_ReleasesOnlyDownToMinimum()
    {
        var plan = PoolPlanner.Plan(Node(Primary(free: 20)), new PoolTargets { WarmIPTarget = 5, MinimumIPTarget = 18 }, Roomy);

        Assert.Equal(2, Assert.IsType<ReleaseAddresses>(Assert.Single(plan.Actions)).Addresses.Count);
    }

    [Fact]
    public void Plan_ShortOfMinimumWithFreeAboveWarm_NeverReleases()
    {
        var state = Node(Primary(free: 10), Nic(1));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = 2, MinimumIPTarget = 30 }, Limits());

        Assert.All(plan.Actions, a => Assert.True(a is AssignAddresses or CreateInterface, a.ToString()));
        Assert.StartsWith("short by 20 addresses of the minimum", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SurplusCoversWholeUnusedInterface_DeletesItInsteadOfReleasing()
    {
        var state = Node(Primary(free: 5, assigned: 5), Nic(1, free: 4));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = 5 }, Limits());

        Assert.Equal([new DeleteInterface("eni-1")], plan.Actions);
    }

    [Fact]
    public void Plan_SurplusOnUsedInterface_ReleasesOnlyItsFreeAddresses()
    {
        var used = Nic(1, free: 6, assigned: 1, cooling: 1);

        var plan = PoolPlanner.Plan(Node(Primary(assigned: 10), used), new PoolTargets { WarmIPTarget = 1 }, Limits());

        var release = Assert.IsType<ReleaseAddresses>(Assert.Single(plan.Actions));
        Assert.Equal("eni-1", release.InterfaceId);
        Assert.Equal(5, release.Addresses.Count);
        Assert.Subset(used.FreeAddresses.ToHashSet(), release.Addresses.ToHashSet());
    }

    [Fact]
    public void Plan_ShortWithFullInterfaces_FillsRoomThenCreatesOneInterface()
    {
        var state = Node(Primary(assigned: 10), Nic(1, assigned: 7));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmIPTarget = 10 }, Limits());

        Assert.Equal([new AssignAddresses("eni-1", 3), new CreateInterface(Addresses: 7)], plan.Actions);
        Assert.Equal("short by 10 free addresses (warm ip target 10, free 0); assign 3 addresses to eni-1, create an interface with 7 addresses", plan.Reason);
    }

    [Fact]
    public void Plan_ShortBeyondSeveralInterfaces_CreatesOnlyOne()
    {
        var plan = PoolPlanner.Plan(Node(Primary(assigned: 10)), new PoolTargets { WarmIPTarget = 35 }, Limits());

        Assert.Equal([new CreateInterface(Addresses: 10)], plan.Actions);
    }

    [Fact]
    public void Plan_AtTargets_IsEmpty()
    {
        var plan = PoolPlanner.Plan(Node(3, Primary(free: 13)), new PoolTargets { WarmIPTarget = 10 }, Limits());

        Assert.True(plan.IsEmpty);
        Assert.Equal("at targets (warm ip target 10, pending 3, free 13)", plan.Reason);
    }
}
