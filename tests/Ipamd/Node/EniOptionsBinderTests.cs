using Cloudnet.Ipamd.Node;
using Cloudnet.Ipamd.Options;
using Microsoft.Extensions.Configuration;

namespace Cloudnet.Ipamd.Tests.Node;

public sealed class EniOptionsBinderTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Read_BackoffAndRefreshWindowUnset_Defaults()
    {
        var (options, errors) = EniOptionsBinder.Read(new DaemonOptions(), Config());

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Ec2ThrottleRetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Ec2ThrottleRetryMaxDelay);
        Assert.Equal(TimeSpan.FromMinutes(10), options.InstanceLimitsRefreshWindow);
    }

    [Fact]
    public void Read_BackoffAndRefreshWindowSet_Bound()
    {
        var (options, errors) = EniOptionsBinder.Read(new DaemonOptions(), Config(
            (EniOptionsBinder.Ec2ThrottleRetryBaseDelay, "500ms"),
            (EniOptionsBinder.Ec2ThrottleRetryMaxDelay, "30s"),
            (EniOptionsBinder.LimitsRefreshWindow, "0")));

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Ec2ThrottleRetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Ec2ThrottleRetryMaxDelay);
        Assert.Equal(TimeSpan.Zero, options.InstanceLimitsRefreshWindow);
    }

    [Theory]
    [InlineData("CLOUDNET_AWS_EC2_THROTTLE_RETRY_BASE_DELAY", "soon")]
    [InlineData("CLOUDNET_AWS_EC2_THROTTLE_RETRY_BASE_DELAY", "0")]
    [InlineData("CLOUDNET_AWS_EC2_THROTTLE_RETRY_MAX_DELAY", "10m")]
    [InlineData("CLOUDNET_AWS_EC2_THROTTLE_RETRY_MAX_DELAY", "100ms")]
    [InlineData("CLOUDNET_AWS_LIMITS_REFRESH_WINDOW", "-5m")]
    public void Read_BadValue_ErrorNamesTheVariable(string name, string value)
    {
        var (_, errors) = EniOptionsBinder.Read(new DaemonOptions(), Config((name, value)));

        Assert.Contains(errors, e => e.Contains(name, StringComparison.Ordinal));
    }
}
