using Cloudnet.Ipamd.Options;
using Cloudnet.Providers.Aws;
using Microsoft.Extensions.Configuration;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// Binds <see cref="AwsProviderOptions"/> from configuration: the AWS SDK's own variables
/// (AWS_REGION, AWS_ENDPOINT_URL_EC2, AWS_EC2_METADATA_SERVICE_ENDPOINT, AWS_ACCESS_KEY_ID, …),
/// LOCALSTACK_ENDPOINT, the AWS VPC CNI names the daemon already read (CLUSTER_NAME,
/// ENABLE_PREFIX_DELEGATION, MAX_ENI) and CLOUDNET_AWS_* for ours.
/// </summary>
public static class EniOptionsBinder
{
    /// <summary>CLOUDNET_AWS_IMDS_ONLY.</summary>
    public const string ImdsOnly = "CLOUDNET_AWS_IMDS_ONLY";

    /// <summary>CLOUDNET_AWS_INSTANCE_ID (no IMDS, e.g. real LocalStack).</summary>
    public const string InstanceId = "CLOUDNET_AWS_INSTANCE_ID";

    /// <summary>CLOUDNET_AWS_ENI_SUBNET_ID (custom networking).</summary>
    public const string EniSubnetId = "CLOUDNET_AWS_ENI_SUBNET_ID";

    /// <summary>CLOUDNET_AWS_ENI_SECURITY_GROUPS (comma separated).</summary>
    public const string EniSecurityGroups = "CLOUDNET_AWS_ENI_SECURITY_GROUPS";

    /// <summary>CLOUDNET_AWS_EC2_RATE (calls per second).</summary>
    public const string Ec2Rate = "CLOUDNET_AWS_EC2_RATE";

    /// <summary>CLOUDNET_AWS_EC2_BURST.</summary>
    public const string Ec2Burst = "CLOUDNET_AWS_EC2_BURST";

    /// <summary>CLOUDNET_AWS_EC2_MAX_RETRIES.</summary>
    public const string Ec2MaxRetries = "CLOUDNET_AWS_EC2_MAX_RETRIES";

    /// <summary>CLOUDNET_AWS_LEAK_GRACE_PERIOD (duration, e.g. "10m").</summary>
    public const string LeakGracePeriod = "CLOUDNET_AWS_LEAK_GRACE_PERIOD";

    /// <summary>CLOUDNET_AWS_LEAK_SWEEP_INTERVAL (duration; 0 disables).</summary>
    public const string LeakSweepInterval = "CLOUDNET_AWS_LEAK_SWEEP_INTERVAL";

    /// <summary>CLOUDNET_AWS_EC2_RESYNC_INTERVAL (duration; 0 asks EC2 on every describe).</summary>
    public const string Ec2ResyncInterval = "CLOUDNET_AWS_EC2_RESYNC_INTERVAL";

    /// <summary>CLOUDNET_AWS_EC2_THROTTLE_RETRY_BASE_DELAY (duration; shortest wait before retrying a throttled call).</summary>
    public const string Ec2ThrottleRetryBaseDelay = "CLOUDNET_AWS_EC2_THROTTLE_RETRY_BASE_DELAY";

    /// <summary>CLOUDNET_AWS_EC2_THROTTLE_RETRY_MAX_DELAY (duration; longest wait before retrying a throttled call).</summary>
    public const string Ec2ThrottleRetryMaxDelay = "CLOUDNET_AWS_EC2_THROTTLE_RETRY_MAX_DELAY";

    /// <summary>CLOUDNET_AWS_LIMITS_REFRESH_WINDOW (duration; 0 asks DescribeInstanceTypes at boot).</summary>
    public const string LimitsRefreshWindow = "CLOUDNET_AWS_LIMITS_REFRESH_WINDOW";

    /// <summary>Reads the options; errors name their variable.</summary>
    public static (AwsProviderOptions Options, IReadOnlyList<string> Errors) Read(DaemonOptions daemon, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(daemon);
        ArgumentNullException.ThrowIfNull(configuration);
        var p = new ValueParser(configuration);
        var defaults = new AwsProviderOptions();
        var options = new AwsProviderOptions
        {
            ClusterName = daemon.ClusterName,
            PrefixDelegation = daemon.WarmPool.PrefixDelegation,
            MaxEni = daemon.WarmPool.MaxEni,
            Region = p.Text("AWS_REGION") ?? p.Text("AWS_DEFAULT_REGION"),
            Ec2Endpoint = Url(p, "AWS_ENDPOINT_URL_EC2") ?? Url(p, "LOCALSTACK_ENDPOINT"),
            ImdsEndpoint = Url(p, "AWS_EC2_METADATA_SERVICE_ENDPOINT") ?? defaults.ImdsEndpoint,
            AccessKeyId = p.Text("AWS_ACCESS_KEY_ID"),
            SecretAccessKey = p.Text("AWS_SECRET_ACCESS_KEY"),
            SessionToken = p.Text("AWS_SESSION_TOKEN"),
            ImdsOnly = p.Bool(ImdsOnly, false),
            InstanceId = p.Text(InstanceId),
            EniSubnetId = p.Text(EniSubnetId),
            Ec2RequestsPerSecond = p.Int(Ec2Rate, (int)defaults.Ec2RequestsPerSecond, 1, 1000),
            Ec2Burst = p.Int(Ec2Burst, defaults.Ec2Burst, 1, 1000),
            Ec2MaxRetries = p.Int(Ec2MaxRetries, defaults.Ec2MaxRetries, 0, 20),
            LeakGracePeriod = p.Duration(LeakGracePeriod, defaults.LeakGracePeriod, TimeSpan.FromDays(7)),
            LeakSweepInterval = p.Duration(LeakSweepInterval, defaults.LeakSweepInterval, TimeSpan.FromDays(1)),
            Ec2ResyncInterval = p.Duration(Ec2ResyncInterval, defaults.Ec2ResyncInterval, TimeSpan.FromDays(1)),
            Ec2ThrottleRetryBaseDelay = p.Duration(Ec2ThrottleRetryBaseDelay, defaults.Ec2ThrottleRetryBaseDelay, TimeSpan.FromMinutes(1)),
            Ec2ThrottleRetryMaxDelay = p.Duration(Ec2ThrottleRetryMaxDelay, defaults.Ec2ThrottleRetryMaxDelay, TimeSpan.FromMinutes(5)),
            InstanceLimitsRefreshWindow = p.Duration(LimitsRefreshWindow, defaults.InstanceLimitsRefreshWindow, TimeSpan.FromDays(1)),
        };
        foreach (var group in (p.Text(EniSecurityGroups) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.EniSecurityGroupIds.Add(group);
        }

        return (options, [.. p.Errors, .. options.Validate()]);
    }

    /// <summary>Node networking settings from the daemon's options.</summary>
    public static EniNetworkSettings NetworkSettings(DaemonOptions daemon)
    {
        ArgumentNullException.ThrowIfNull(daemon);
        return new EniNetworkSettings
        {
            Mtu = daemon.Mtu ?? EniProvider.DefaultMtu,
            ExternalSnat = daemon.Snat.External,
            ExcludeSnatCidrs = daemon.Snat.ExcludeCidrs,
        };
    }

    private static Uri? Url(ValueParser p, string name)
    {
        var text = p.Text(name);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        p.Error(name, $"'{text}' is not an http(s) URL");
        return null;
    }
}
