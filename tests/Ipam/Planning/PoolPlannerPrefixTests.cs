using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;
using static Cloudnet.Ipam.Tests.Planning.PoolStates;

namespace Cloudnet.Ipam.Tests.Planning;

// Prefix-delegation mode: /28 prefixes of 16 addresses, up to 4 per interface.
public class PoolPlannerPrefixTests
{
    private static readonly PoolTargets Prefixes = new() { PrefixDelegation = true };

    [Fact]
    public void Plan_NothingSet_KeepsOneUnusedPrefix()
    {
        var plan = PoolPlanner.Plan(Node(Primary()), Prefixes, Limits());

        Assert.Equal([new AssignPrefixes("eni-0", 1)], plan.Actions);
        Assert.Equal("short by 1 unused prefix (warm prefix target 1, unused prefixes 0); assign 1 prefix to eni-0", plan.Reason);
    }

    [Fact]
    public void Plan_OneAddressOfOnlyPrefixInUse_AddsWholePrefix()
    {
        var plan = PoolPlanner.Plan(Node(Primary().WithPrefixes((1, 0))), Prefixes, Limits());

        Assert.Equal([new AssignPrefixes("eni-0", 1)], plan.Actions);
    }

    [Theory]
    [InlineData(3, 1, 2)]
    [InlineData(2, 2, 0)]
    public void Plan_WarmPrefixTarget_KeepsThatManyUnusedPrefixes(int target, int unused, int expected)
    {
        var state = Node(Primary().WithPrefixes((5, 0)).WithUnusedPrefixes(unused));

        var plan = PoolPlanner.Plan(state, Prefixes with { WarmPrefixTarget = target }, Limits());

        PoolAction[] actions = expected == 0 ? [] : [new AssignPrefixes("eni-0", expected)];
        Assert.Equal(actions, plan.Actions);
    }

    [Fact]
    public void Plan_SurplusPrefixes_ReleasesOnlyUnusedOnes()
    {
        var nic = Primary().WithPrefixes((3, 0), (0, 0), (0, 0), (0, 1));

        var plan = PoolPlanner.Plan(Node(nic), Prefixes, Limits());

        var release = Assert.IsType<ReleasePrefixes>(Assert.Single(plan.Actions));
        Assert.Equal([nic.Prefixes[2].Prefix], release.Prefixes);
    }

    [Fact]
    public void Plan_SurplusCoversUnusedInterface_DeletesIt()
    {
        var state = Node(Primary().WithPrefixes((5, 0), (0, 0)), Nic(1).WithUnusedPrefixes(2));

        var plan = PoolPlanner.Plan(state, Prefixes, Limits());

        Assert.Equal([new DeleteInterface("eni-1")], plan.Actions);
    }

    [Fact]
    public void Plan_SurplusOnInterfaceWithCoolingPrefix_ReleasesOnlyUnusedPrefix()
    {
        var busy = Nic(1).WithPrefixes((0, 2), (0, 0));

        var plan = PoolPlanner.Plan(Node(Primary().WithPrefixes((5, 0), (0, 0)), busy), Prefixes, Limits());

        var release = Assert.IsType<ReleasePrefixes>(Assert.Single(plan.Actions));
        Assert.Equal(("eni-1", busy.Prefixes[1].Prefix), (release.InterfaceId, Assert.Single(release.Prefixes)));
    }

    [Theory]
    // warm ip, minimum ip, warm prefix, assigned in the one prefix → prefixes to assign
    [InlineData(20, 0, 0, 10, 1)] // 6 free, short 14 → rounded up to 1 prefix
    [InlineData(40, 0, 0, 10, 3)] // short 34 → 3 prefixes
    [InlineData(5, 0, 3, 10, 0)] // WARM_IP_TARGET overrides WARM_PREFIX_TARGET: 6 free ≥ 5
    [InlineData(0, 40, 0, 0, 2)] // total 16 → 40 needs 24 more = 2 prefixes
    public void Plan_AddressTargetsInPrefixMode_RoundUpToPrefixes(int warm, int minimum, int warmPrefixes, int assigned, int expected)
    {
        var targets = Prefixes with { WarmIPTarget = warm, MinimumIPTarget = minimum, WarmPrefixTarget = warmPrefixes };

        var plan = PoolPlanner.Plan(Node(Primary().WithPrefixes((assigned, 0))), targets, Limits());

        PoolAction[] actions = expected == 0 ? [] : [new AssignPrefixes("eni-0", expected)];
        Assert.Equal(actions, plan.Actions);
    }

    [Theory]
    [InlineData(2, 2)] // 38 free, 33 above 5: two whole prefixes can go
    [InlineData(1, 1)] // 22 free, 17 above 5: one
    [InlineData(0, 0)] // 6 free, 1 above 5: less than a prefix
    public void Plan_AddressTargetSurplusInPrefixMode_RoundsDown(int unused, int expected)
    {
        var state = Node(Primary().WithPrefixes((10, 0)).WithUnusedPrefixes(unused));

        var plan = PoolPlanner.Plan(state, Prefixes with { WarmIPTarget = 5 }, Limits());

        Assert.Equal(expected, plan.Actions.OfType<ReleasePrefixes>().Sum(r => r.Prefixes.Count));
    }

    [Fact]
    public void Plan_PendingBeyondPartlyFreePrefixes_AddsWholePrefixesOnTop()
    {
        // 20 waiting: 2 fit in the partly used prefix, 18 need two whole prefixes, plus the warm one.
        var state = Node(20, Primary().WithPrefixes((14, 0), (0, 0)));

        var plan = PoolPlanner.Plan(state, Prefixes, Limits());

        Assert.Equal([new AssignPrefixes("eni-0", 2)], plan.Actions);
    }

    [Fact]
    public void Plan_PrefixesFull_FillsOthersThenCreatesInterface()
    {
        var state = Node(Primary().WithPrefixes((16, 0), (16, 0), (16, 0), (16, 0)));

        var plan = PoolPlanner.Plan(state, Prefixes with { WarmPrefixTarget = 2 }, Limits());

        Assert.Equal([new CreateInterface(Prefixes: 2)], plan.Actions);
    }

    [Fact]
    public void Plan_PrefixesNotSupported_CannotGrow()
    {
        var plan = PoolPlanner.Plan(Node(Primary()), Prefixes, Limits(prefixesPerInterface: 0));

        Assert.True(plan.IsEmpty);
        Assert.EndsWith("interfaces hold no prefixes; cannot grow", plan.Reason, StringComparison.Ordinal);
    }
}
