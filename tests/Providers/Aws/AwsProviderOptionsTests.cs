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

    [Fact]
    public void Defaults_ThrottledRetriesAsTheAwsSdksAndLimitsRefreshedWithinTenMinutes()
    {
        var options = new AwsProviderOptions();

        Assert.Equal(TimeSpan.FromSeconds(1), options.Ec2ThrottleRetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Ec2ThrottleRetryMaxDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Ec2RetryBaseDelay);
        Assert.Equal(TimeSpan.FromMinutes(10), options.InstanceLimitsRefreshWindow);
    }

    [Theory]
    [InlineData(0, 20, 10, "CLOUDNET_AWS_EC2_THROTTLE_RETRY_BASE_DELAY")]
    [InlineData(5, 2, 10, "CLOUDNET_AWS_EC2_THROTTLE_RETRY_MAX_DELAY")]
    [InlineData(1, 20, -1, "CLOUDNET_AWS_LIMITS_REFRESH_WINDOW")]
    public void Validate_BadBackoffOrWindow_NamesTheVariable(int baseSeconds, int maxSeconds, int windowMinutes, string variable)
    {
        var options = new AwsProviderOptions
        {
            Ec2ThrottleRetryBaseDelay = TimeSpan.FromSeconds(baseSeconds),
            Ec2ThrottleRetryMaxDelay = TimeSpan.FromSeconds(maxSeconds),
            InstanceLimitsRefreshWindow = TimeSpan.FromMinutes(windowMinutes),
        };

        Assert.Contains(options.Validate(), e => e.StartsWith(variable + " must be", StringComparison.Ordinal));
    }
}
