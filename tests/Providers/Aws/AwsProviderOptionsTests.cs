namespace Cloudnet.Providers.Aws.Tests;

// Defaults that decide the steady-state EC2 call rate of every node (see bench/aws/README.md).
public sealed class AwsProviderOptionsTests
{
    [Fact]
    public void Defaults_EveryNodeCallsEc2Rarely_SweepHourlyResyncTenMinutesSettleOneMinute()
    {
        var options = new AwsProviderOptions();

        Assert.Equal(TimeSpan.FromHours(1), options.LeakSweepInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Ec2ResyncInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), options.ImdsSettleTime);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_NegativeSettleTime_NamesIt()
    {
        var options = new AwsProviderOptions { ImdsSettleTime = TimeSpan.FromSeconds(-1) };

        Assert.Contains(options.Validate(), e => e.StartsWith("IMDS settle time must be >= 0", StringComparison.Ordinal));
    }
}
