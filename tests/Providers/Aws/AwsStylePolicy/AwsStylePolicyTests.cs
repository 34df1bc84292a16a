using Cloudnet.Bench.AwsPolicy;

namespace Cloudnet.Providers.Aws.Tests.AwsStylePolicy;

/// <summary>The AWS-style pool monitor's decision (bench/aws/PolicyCompare), on an m5.xlarge: 4 ENIs × 14 addresses.</summary>
public sealed class AwsStylePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly AwsStyleSettings Settings = new() { AddressesPerEni = 14, MaxEnis = 4, MaxPods = 58 };

    private static EniView Primary(int addresses, int assigned = 0, int cooling = 0) => new("eni-0", true, Now.AddHours(-1), addresses, assigned, cooling);

    private static EniView Secondary(string id, int addresses, int assigned = 0, int cooling = 0, TimeSpan? age = null) =>
        new(id, false, Now - (age ?? TimeSpan.FromMinutes(10)), addresses, assigned, cooling);

    [Fact]
    public void Decide_PrimaryWithoutAddresses_FillsThePrimaryWithAWholeEni()
    {
        var action = Bench.AwsPolicy.AwsStylePolicy.Decide([Primary(0)], Settings, Now);

        Assert.Equal(new AwsStyleAction(AwsStyleActionKind.FillEni, "eni-0", 14), action);
    }

    [Fact]
    public void Decide_OnePodOnAFullPrimary_AttachesAnEniWithAWholeEnisAddresses()
    {
        var action = Bench.AwsPolicy.AwsStylePolicy.Decide([Primary(14, assigned: 1)], Settings, Now);

        Assert.Equal(new AwsStyleAction(AwsStyleActionKind.AttachEni, Count: 14), action);
    }

    [Fact]
    public void Decide_PartlyFilledSecondary_FillsItBeforeAttaching()
    {
        var action = Bench.AwsPolicy.AwsStylePolicy.Decide([Primary(14, assigned: 14), Secondary("eni-1", 5, assigned: 2)], Settings, Now);

        Assert.Equal(new AwsStyleAction(AwsStyleActionKind.FillEni, "eni-1", 9), action);
    }

    [Fact]
    public void Decide_FreeAddressesAllCooling_CountedAsAvailableSoThePoolDoesNotGrow()
    {
        // 42 addresses, 20 pods, the other 22 cooling: no address can serve an ADD, yet AWS's
        // available (total − assigned) is 22 ≥ 14, so the monitor does nothing.
        var enis = new[] { Primary(14, assigned: 14), Secondary("eni-1", 14, assigned: 6, cooling: 8), Secondary("eni-2", 14, cooling: 14) };

        Assert.Equal(AwsStyleAction.None, Bench.AwsPolicy.AwsStylePolicy.Decide(enis, Settings, Now));
    }

    [Fact]
    public void Decide_LowButEveryEniAttachedAndFull_DoesNothing()
    {
        var enis = new[] { Primary(14, 14), Secondary("eni-1", 14, 14), Secondary("eni-2", 14, 14), Secondary("eni-3", 14, 10) };

        Assert.Equal(AwsStyleAction.None, Bench.AwsPolicy.AwsStylePolicy.Decide(enis, Settings, Now));
    }

    [Fact]
    public void Decide_PoolHoldsMaxPodsAddresses_NotLow()
    {
        var settings = Settings with { MaxPods = 28 };

        var action = Bench.AwsPolicy.AwsStylePolicy.Decide([Primary(14, assigned: 14), Secondary("eni-1", 14, assigned: 10)], settings, Now);

        Assert.Equal(AwsStyleAction.None, action);
    }

    [Fact]
    public void Decide_TwoEnisWorthAvailableAndAnUnusedOldEni_FreesIt()
    {
        var enis = new[] { Primary(14, assigned: 2), Secondary("eni-1", 14), Secondary("eni-2", 14) };

        var action = Bench.AwsPolicy.AwsStylePolicy.Decide(enis, Settings, Now);

        Assert.Equal(new AwsStyleAction(AwsStyleActionKind.FreeEni, "eni-1"), action);
    }

    [Theory]
    [InlineData(1, 0, 10)] // a pod on it
    [InlineData(0, 1, 10)] // an address in cooldown
    [InlineData(0, 0, 0.5)] // younger than minENILifeTime (1 min)
    public void Decide_ExtraEniInUseCoolingOrYoung_NotFreed(int assigned, int cooling, double ageMinutes)
    {
        // 56 addresses, at most 3 assigned: far more than two ENIs' worth available; eni-2 and
        // eni-3 hold a pod each, so eni-1 is the only candidate.
        var enis = new[]
        {
            Primary(14), Secondary("eni-1", 14, assigned, cooling, TimeSpan.FromMinutes(ageMinutes)), Secondary("eni-2", 14, 1), Secondary("eni-3", 14, 1),
        };

        Assert.Equal(AwsStyleAction.None, Bench.AwsPolicy.AwsStylePolicy.Decide(enis, Settings, Now));
    }

    [Fact]
    public void Decide_LessThanTwoEnisWorthAvailable_KeepsTheExtraEni()
    {
        var enis = new[] { Primary(14, assigned: 1), Secondary("eni-1", 14) };

        Assert.Equal(AwsStyleAction.None, Bench.AwsPolicy.AwsStylePolicy.Decide(enis, Settings, Now));
    }
}
