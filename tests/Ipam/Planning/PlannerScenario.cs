using CsCheck;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipam.Tests.Planning;

/// <summary>A random node, its limits and targets: small numbers, so limits and caps are hit often.</summary>
internal sealed record PlannerScenario(PoolLimits Limits, PoolTargets Targets, NicSpec[] Nics, int Pending)
{
    private static readonly Gen<int> Unset = Gen.Const(0);

    private static readonly Gen<PoolLimits> Limit =
        Gen.Select(Gen.Int[1, 6], Gen.Int[0, 12], Gen.Int[0, 4], Gen.OneOf(4, 16), (interfaces, addresses, prefixes, perPrefix) => new PoolLimits
        {
            MaxInterfaces = interfaces,
            AddressesPerInterface = addresses,
            PrefixesPerInterface = prefixes,
            AddressesPerPrefix = perPrefix,
        });

    private static readonly Gen<PoolTargets> Target =
        Gen.Select(
            Gen.Int[0, 3],
            Gen.Frequency((2, Unset), (1, Gen.Int[1, 30])),
            Gen.Frequency((2, Unset), (1, Gen.Int[1, 60])),
            Gen.Int[0, 3],
            Gen.Frequency((1, Unset), (1, Gen.Int[1, 6])),
            Gen.Frequency((1, Unset), (1, Gen.Int[1, 80])),
            Gen.Bool,
            (eni, warmIP, minimumIP, warmPrefix, maxEni, maxPods, prefixes) => new PoolTargets
            {
                WarmEniTarget = eni,
                WarmIPTarget = warmIP,
                MinimumIPTarget = minimumIP,
                WarmPrefixTarget = warmPrefix,
                MaxEni = maxEni,
                MaxPods = maxPods,
                PrefixDelegation = prefixes,
            });

    // Usage of a prefix as fractions of it; scaled to the scenario's prefix size below.
    private static readonly Gen<(int Assigned, int Cooling)> PrefixUsage =
        Gen.Frequency((2, Gen.Const((0, 0))), (3, Gen.Select(Gen.Int[0, 16], Gen.Int[0, 16])));

    private static readonly Gen<NicSpec> Nic =
        Gen.Select(Gen.Int[0, 12], Sometimes(8), Sometimes(3), Gen.Int[0, 9], PrefixUsage.Array[0, 4],
            (free, assigned, cooling, excluded, prefixes) => new NicSpec(free, assigned, cooling, excluded == 0, prefixes));

    public static readonly Gen<PlannerScenario> All =
        Gen.Select(Limit, Target, Nic.Array[1, 6], Gen.Frequency((3, Unset), (1, Gen.Int[1, 40])),
            (limits, targets, nics, pending) => new PlannerScenario(limits, targets, [.. nics.Select(n => Fit(n, limits))], pending));

    /// <summary>Scenarios of one planning mode only, so each mode's corner cases come up often.</summary>
    public static Gen<PlannerScenario> Of(PlanMode mode) => All.Select(s => s with
    {
        Targets = mode switch
        {
            PlanMode.WarmEni => s.Targets with { WarmIPTarget = 0, MinimumIPTarget = 0, PrefixDelegation = false },
            PlanMode.WarmIP => s.Targets with { WarmIPTarget = Math.Max(s.Targets.WarmIPTarget, s.Targets.WarmEniTarget), PrefixDelegation = false },
            _ => s.Targets with { PrefixDelegation = true },
        },
    });

    public override string ToString() =>
        FormattableString.Invariant($"limits {Limits}; targets {Targets}; pending {Pending}; nics {string.Join(' ', Nics.Select(n => n.ToString()))}");

    // Zero half the time, so interfaces nobody uses (the ones a shrink may delete) are common.
    private static Gen<int> Sometimes(int max) => Gen.Frequency((1, Unset), (1, Gen.Int[1, max]));

    /// <summary>Keeps prefix usage within the prefix size (secondaries may exceed the per-interface limit, as after a limit change).</summary>
    private static NicSpec Fit(NicSpec nic, PoolLimits limits)
    {
        var size = limits.AddressesPerPrefix;
        var prefixes = nic.Prefixes.Select(p =>
        {
            var assigned = Math.Min(p.Assigned, size);
            return (assigned, Math.Min(p.Cooling, size - assigned));
        });
        return nic with { Prefixes = [.. prefixes] };
    }
}
