using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;
using static Cloudnet.Ipam.Tests.Planning.PoolStates;

namespace Cloudnet.Ipam.Tests.Planning;

// Secondary-address mode with WARM_ENI_TARGET (the default: one interface's worth free).
public class PoolPlannerWarmEniTests
{
    private static readonly PoolTargets Default = new();

    [Fact]
    public void Plan_DefaultTargetsOnEmptyPrimary_FillsPrimary()
    {
        var plan = PoolPlanner.Plan(Node(Primary()), Default, Limits());

        Assert.Equal([new AssignAddresses("eni-0", 10)], plan.Actions);
        Assert.Equal("short by 10 free addresses (warm eni target 1 x 10 addresses, free 0); assign 10 addresses to eni-0", plan.Reason);
    }

    [Fact]
    public void Plan_ShortWithRoomOnPrimary_FillsPrimaryToCapacityBeforeCreating()
    {
        var plan = PoolPlanner.Plan(Node(Primary(free: 2, assigned: 5)), Default, Limits());

        Assert.Equal([new AssignAddresses("eni-0", 3), new CreateInterface(Addresses: 10)], plan.Actions);
    }

    [Theory]
    [InlineData(1)] // short by 9: the whole interface is filled, not just 9
    [InlineData(0)]
    public void Plan_ShortWithEmptyInterface_FillsItWhole(int freeOnPrimary)
    {
        var state = Node(Primary(free: freeOnPrimary, assigned: 10 - freeOnPrimary), Nic(1));

        var plan = PoolPlanner.Plan(state, Default, Limits());

        Assert.Equal([new AssignAddresses("eni-1", 10)], plan.Actions);
    }

    [Fact]
    public void Plan_ShortWithAllInterfacesFull_CreatesOneFilledWhole()
    {
        var plan = PoolPlanner.Plan(Node(Primary(assigned: 10), Nic(1, assigned: 10)), Default, Limits());

        Assert.Equal([new CreateInterface(Addresses: 10)], plan.Actions);
        Assert.EndsWith("; create an interface with 10 addresses", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CreateNearMaxPods_FillsOnlyUpToMaxPods()
    {
        var plan = PoolPlanner.Plan(Node(Primary(assigned: 10)), Default with { MaxPods = 14 }, Limits());

        Assert.Equal([new CreateInterface(Addresses: 4)], plan.Actions);
    }

    [Fact]
    public void Plan_WarmEniTargetTwo_KeepsTwoInterfacesWorthFree()
    {
        var state = Node(Primary(free: 10), Nic(1, free: 5));

        var plan = PoolPlanner.Plan(state, new PoolTargets { WarmEniTarget = 2 }, Limits());

        Assert.Equal([new AssignAddresses("eni-1", 5)], plan.Actions);
    }

    [Fact]
    public void Plan_WarmEniTargetZero_GrowsOnlyForWaitingAdds()
    {
        var targets = new PoolTargets { WarmEniTarget = 0 };

        Assert.True(PoolPlanner.Plan(Node(Primary(assigned: 5)), targets, Limits()).IsEmpty);
        Assert.Equal([new AssignAddresses("eni-0", 5)], PoolPlanner.Plan(Node(2, Primary(assigned: 5)), targets, Limits()).Actions);
    }

    [Fact]
    public void Plan_PlentyFreeAndUnusedInterface_DeletesIt()
    {
        var state = Node(Primary(free: 10), Nic(1, free: 10));

        var plan = PoolPlanner.Plan(state, Default, Limits());

        Assert.Equal([new DeleteInterface("eni-1")], plan.Actions);
        Assert.StartsWith("10 addresses above targets", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SurplusLessThanOneInterface_KeepsUnusedInterface()
    {
        // Deleting eni-1 would leave 5 free (< 10): a fill would follow, then a delete again.
        var state = Node(Primary(free: 5, assigned: 5), Nic(1, free: 10));

        var plan = PoolPlanner.Plan(state, Default, Limits());

        Assert.True(plan.IsEmpty);
        Assert.StartsWith("at targets", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AfterFillingPrimary_KeepsPartlyFilledUnusedInterface()
    {
        // The plan before filled the primary (8 free, short by 2): deleting eni-1 now would undo it.
        var state = Node(Primary(free: 10), Nic(1, free: 8));

        var plan = PoolPlanner.Plan(state, Default, Limits());

        Assert.True(plan.IsEmpty, plan.Reason);
    }

    [Fact]
    public void Plan_InterfacesWithAssignedOrCooling_NeverDeleted()
    {
        // 28 free against a target of 10: both would go if they were unused.
        var state = Node(Primary(free: 10), Nic(1, free: 9, cooling: 1), Nic(2, free: 9, assigned: 1));

        var plan = PoolPlanner.Plan(state, Default, Limits());

        Assert.True(plan.IsEmpty, plan.Reason);
    }

    [Fact]
    public void Plan_UnusedPrimary_NeverDeleted()
    {
        // Target 0: every free address is surplus, yet the primary stays.
        var plan = PoolPlanner.Plan(Node(Primary(free: 10)), new PoolTargets { WarmEniTarget = 0 }, Limits());

        Assert.True(plan.IsEmpty, plan.Reason);
    }

    [Fact]
    public void Plan_NotShortWithEmptyInterface_DeletesIt()
    {
        var plan = PoolPlanner.Plan(Node(Primary(free: 10), Nic(1)), Default, Limits());

        Assert.Equal([new DeleteInterface("eni-1")], plan.Actions);
    }

    [Fact]
    public void Plan_ShortWithEmptyInterface_NeverDeletesIt()
    {
        var plan = PoolPlanner.Plan(Node(Primary(free: 9, assigned: 1), Nic(1)), Default, Limits());

        Assert.Equal([new AssignAddresses("eni-1", 10)], plan.Actions);
    }
}
