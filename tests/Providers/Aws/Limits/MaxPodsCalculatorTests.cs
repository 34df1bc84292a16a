using Cloudnet.Providers.Aws.Limits;

namespace Cloudnet.Providers.Aws.Tests.Limits;

public class MaxPodsCalculatorTests
{
    // Secondary-IP values match EKS's eni-max-pods.txt; prefix values match max-pods-calculator.sh.
    [Theory]
    [InlineData("m5.large", false, 29)]
    [InlineData("t3.medium", false, 17)]
    [InlineData("t3.micro", false, 4)]
    [InlineData("m5.4xlarge", false, 234)]
    [InlineData("m5.24xlarge", false, 737)]
    [InlineData("c5.18xlarge", false, 737)]
    [InlineData("m5.large", true, 110)]
    [InlineData("t3.micro", true, 34)]
    [InlineData("m5.8xlarge", true, 250)]
    [InlineData("m5.4xlarge", true, 110)]
    [InlineData("t2.medium", true, 17)]
    public void Compute_KnownType_MatchesAws(string instanceType, bool prefixDelegation, int expected)
    {
        var limits = InstanceTypeTable.Find(instanceType)!;

        Assert.Equal(expected, MaxPodsCalculator.Compute(limits, prefixDelegation));
    }

    [Fact]
    public void Compute_CustomNetworking_LeavesThePrimaryEniOut() =>
        Assert.Equal(20, MaxPodsCalculator.Compute(InstanceTypeTable.Find("m5.large")!, prefixDelegation: false, customNetworking: true));

    [Fact]
    public void Compute_MaxEniBelowTheTypeLimit_UsesMaxEni() =>
        Assert.Equal(11, MaxPodsCalculator.Compute(InstanceTypeTable.Find("m5.large")!, prefixDelegation: false, maxEni: 1));

    [Fact]
    public void Compute_MaxEniAboveTheTypeLimit_UsesTheTypeLimit() =>
        Assert.Equal(29, MaxPodsCalculator.Compute(InstanceTypeTable.Find("m5.large")!, prefixDelegation: false, maxEni: 10));
}
