using Cloudnet.Ipam.Planning;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Tests.Planning;

/// <summary>What every plan must respect, whatever the state: the safety half of the planner's contract.</summary>
internal static class PlanChecks
{
    public static void AssertSafe(PoolState state, PoolTargets targets, PoolLimits limits, PoolPlan plan)
    {
        Assert.False(string.IsNullOrWhiteSpace(plan.Reason));
        Assert.DoesNotContain('\n', plan.Reason);
        Assert.False(Grows(plan) && Shrinks(plan), $"plan both grows and shrinks: {plan.Reason}");

        var creates = plan.Actions.OfType<CreateInterface>().Count();
        Assert.True(creates <= 1, $"{creates} interface creations: {plan.Reason}");
        var interfaceLimit = targets.MaxEni > 0 ? Math.Min(targets.MaxEni, limits.MaxInterfaces) : limits.MaxInterfaces;
        Assert.True(creates == 0 || state.Interfaces.Length < interfaceLimit, $"creates beyond {interfaceLimit} interfaces: {plan.Reason}");

        var byId = state.Interfaces.ToDictionary(n => n.Id);
        foreach (var action in plan.Actions)
        {
            AssertSafe(action, byId, limits);
        }

        AssertWithinMaxPods(state, targets, limits, plan);
    }

    public static bool Grows(PoolPlan plan) => plan.Actions.Any(a => a is AssignAddresses or AssignPrefixes or CreateInterface);

    public static bool Shrinks(PoolPlan plan) => plan.Actions.Any(a => a is ReleaseAddresses or ReleasePrefixes or DeleteInterface);

    private static void AssertSafe(PoolAction action, Dictionary<string, InterfaceState> byId, PoolLimits limits)
    {
        if (action is CreateInterface)
        {
            return;
        }

        var nic = byId[InterfaceOf(action)];
        Assert.False(nic.ExcludedFromPods, $"{action} touches an interface excluded from pods");
        switch (action)
        {
            case AssignAddresses a:
                Assert.InRange(a.Count, 1, limits.AddressesPerInterface - nic.SecondaryAddresses);
                break;
            case AssignPrefixes a:
                Assert.InRange(a.Count, 1, limits.PrefixesPerInterface - nic.Prefixes.Length);
                break;
            case ReleaseAddresses r:
                Assert.NotEmpty(r.Addresses);
                Assert.Equal(r.Addresses.Count, r.Addresses.Distinct().Count());
                Assert.All(r.Addresses, a => Assert.Contains(a, nic.FreeAddresses));
                break;
            case ReleasePrefixes r:
                Assert.NotEmpty(r.Prefixes);
                Assert.All(r.Prefixes, p => Assert.True(nic.Prefixes.Single(s => s.Prefix == p).IsUnused, $"{p} is in use"));
                break;
            case DeleteInterface:
                Assert.False(nic.IsPrimary, "deletes the primary");
                Assert.True(nic.Assigned == 0 && nic.Cooling == 0, $"deletes {nic.Id} with assigned or cooling addresses");
                break;
        }
    }

    /// <summary>Growth never takes the pool past MaxPods plus the cooling addresses (in prefix mode,
    /// by less than one prefix, so that the last pod gets an address).</summary>
    private static void AssertWithinMaxPods(PoolState state, PoolTargets targets, PoolLimits limits, PoolPlan plan)
    {
        if (targets.MaxPods == 0 || !Grows(plan))
        {
            return;
        }

        var usable = state.Interfaces.Where(n => !n.ExcludedFromPods).ToArray();
        var perPrefix = limits.AddressesPerPrefix;
        var total = usable.Sum(n => n.Assigned + n.Cooling + n.FreeAddresses.Length
            + n.Prefixes.Sum(p => perPrefix - p.Assigned - p.Cooling));
        var added = plan.Actions.OfType<AssignAddresses>().Sum(a => a.Count)
            + (plan.Actions.OfType<AssignPrefixes>().Sum(a => a.Count) * perPrefix);
        var slack = targets.PrefixDelegation ? perPrefix - 1 : 0;
        var cap = targets.MaxPods + usable.Sum(n => n.Cooling) + slack;
        Assert.True(total + added <= Math.Max(total, cap), $"grows to {total + added} beyond max pods cap {cap}: {plan.Reason}");
    }

    private static string InterfaceOf(PoolAction action) => action switch
    {
        AssignAddresses a => a.InterfaceId,
        AssignPrefixes a => a.InterfaceId,
        ReleaseAddresses r => r.InterfaceId,
        ReleasePrefixes r => r.InterfaceId,
        DeleteInterface d => d.InterfaceId,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "no interface"),
    };
}
