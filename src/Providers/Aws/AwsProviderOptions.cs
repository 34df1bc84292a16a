namespace Cloudnet.Providers.Aws;

/// <summary>
/// Settings of the AWS provider. The initialisers are the documented defaults. The daemon binds
/// them from the environment (AWS_*, LOCALSTACK_ENDPOINT, ENABLE_PREFIX_DELEGATION, CLUSTER_NAME,
/// CLOUDNET_AWS_*); this type never reads the environment itself.
/// </summary>
public sealed class AwsProviderOptions
{
    /// <summary>Kubernetes cluster name (CLUSTER_NAME). Tags the ENIs we create; the leak sweep only
    /// runs when it is set, because it is how we know an ENI is ours. Default: none.</summary>
    public string? ClusterName { get; set; }

    /// <summary>AWS region. Default: none, read from IMDS (placement/region).</summary>
    public string? Region { get; set; }

    /// <summary>EC2 endpoint override (AWS_ENDPOINT_URL_EC2, else LOCALSTACK_ENDPOINT). Default: none,
    /// the region's public endpoint.</summary>
    public Uri? Ec2Endpoint { get; set; }

    /// <summary>IMDS endpoint (AWS_EC2_METADATA_SERVICE_ENDPOINT). Default http://169.254.169.254/.</summary>
    public Uri ImdsEndpoint { get; set; } = new("http://169.254.169.254/");

    /// <summary>Lifetime requested for IMDSv2 session tokens. Default 6 hours (the maximum IMDS grants).
    /// A token is renewed once four fifths of its lifetime have passed.</summary>
    public TimeSpan ImdsTokenTtl { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Timeout of one IMDS request. Default 2 seconds (IMDS is link-local; longer means it is not there).</summary>
    public TimeSpan ImdsTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Instance id to manage when there is no IMDS (real LocalStack). When set, the identity
    /// (type, region from <see cref="Region"/>) comes from EC2 DescribeInstances. Default: none (IMDS).</summary>
    public string? InstanceId { get; set; }

    /// <summary>Static access key (AWS_ACCESS_KEY_ID). Default: none, the SDK's credential chain
    /// (instance profile), or "test"/"test" when <see cref="Ec2Endpoint"/> is set (LocalStack's convention).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Static secret key (AWS_SECRET_ACCESS_KEY). Default: none.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Session token for temporary credentials (AWS_SESSION_TOKEN). Default: none.</summary>
    public string? SessionToken { get; set; }

    /// <summary>Assign /28 prefixes instead of single addresses (ENABLE_PREFIX_DELEGATION). Default false.
    /// Only Nitro instance types support prefixes; elsewhere the limits report no prefix capacity.</summary>
    public bool PrefixDelegation { get; set; }

    /// <summary>Make no EC2 calls at all (CLOUDNET_AWS_IMDS_ONLY): the node uses what IMDS says is
    /// attached; creating interfaces or assigning addresses fails with a clear error. Default false.</summary>
    public bool ImdsOnly { get; set; }

    /// <summary>Custom networking (CLOUDNET_AWS_ENI_SUBNET_ID): new ENIs go to this subnet and the
    /// primary ENI serves no pods. Default: none, the primary ENI's subnet.</summary>
    public string? EniSubnetId { get; set; }

    /// <summary>Security groups of new ENIs (CLOUDNET_AWS_ENI_SECURITY_GROUPS, comma separated).
    /// Default: empty, the primary ENI's groups.</summary>
    public IList<string> EniSecurityGroupIds { get; } = [];

    /// <summary>Steady rate of EC2 calls this node may make, per second (CLOUDNET_AWS_EC2_RATE).
    /// Shared by every call, retries included. Default 5.</summary>
    public double Ec2RequestsPerSecond { get; set; } = 5;

    /// <summary>Calls that may be made at once after a quiet spell (CLOUDNET_AWS_EC2_BURST). Default 10.</summary>
    public int Ec2Burst { get; set; } = 10;

    /// <summary>Retries of a throttled or transient EC2 call (CLOUDNET_AWS_EC2_MAX_RETRIES). Default 6.</summary>
    public int Ec2MaxRetries { get; set; } = 6;

    /// <summary>First retry delay of a 5xx or timed-out call; doubles per attempt, with jitter. Default 200 ms.
    /// Throttled calls use <see cref="Ec2ThrottleRetryBaseDelay"/> instead.</summary>
    public TimeSpan Ec2RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between retries of a 5xx or timed-out call. Default 10 seconds.</summary>
    public TimeSpan Ec2RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Shortest wait before retrying a throttled call (RequestLimitExceeded, Throttling)
    /// (CLOUDNET_AWS_EC2_THROTTLE_RETRY_BASE_DELAY). Throttling is an account-wide limit shared with
    /// every other node, so retry n waits a uniformly random time between this and
    /// min(<see cref="Ec2ThrottleRetryMaxDelay"/>, this × 2^n), as the AWS SDKs' standard retryer
    /// spreads retries (full jitter from 1 s, capped at 20 s) but never sooner than this. Default 1 second.
    /// </summary>
    public TimeSpan Ec2ThrottleRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before retrying a throttled call (CLOUDNET_AWS_EC2_THROTTLE_RETRY_MAX_DELAY).
    /// Default 20 seconds (the AWS SDKs' maximum backoff).</summary>
    public TimeSpan Ec2ThrottleRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Instance-type limits come from the built-in table at once for a type the table knows, and
    /// DescribeInstanceTypes is asked once, off the boot path, after a uniformly random delay within
    /// this window (CLOUDNET_AWS_LIMITS_REFRESH_WINDOW), so a fleet booting together does not ask at
    /// the same instant. EC2's answer then wins. A type the table lacks is asked at boot. Default
    /// 10 minutes; zero asks EC2 at boot for every type.
    /// </summary>
    public TimeSpan InstanceLimitsRefreshWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Timeout of one EC2 HTTP attempt. Default 10 seconds.</summary>
    public TimeSpan Ec2AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed (throttled/transient) attempts that opens the circuit. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts that must be seen in the sampling window before the circuit can open. Default 20.</summary>
    public int BreakerMinimumThroughput { get; set; } = 20;

    /// <summary>Window over which the failure ratio is measured. Default 30 seconds.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit rejects calls before one trial call. Default 15 seconds.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts to delete a detaching ENI while EC2 says it is in use. Default 20.</summary>
    public int DeleteAttempts { get; set; } = 20;

    /// <summary>First wait between delete attempts; doubles up to 5 seconds. Default 500 ms.</summary>
    public TimeSpan DeleteRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Age after which an available ENI tagged for this cluster counts as leaked
    /// (CLOUDNET_AWS_LEAK_GRACE_PERIOD). Default 10 minutes: longer than any create-to-attach window.</summary>
    public TimeSpan LeakGracePeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Interval of the leaked-ENI sweep (CLOUDNET_AWS_LEAK_SWEEP_INTERVAL); each run is
    /// delayed by a random 0–20% of it so nodes do not sweep in step. Default 1 hour, as aws-node's
    /// cleanUpLeakedENIs: each sweep is a DescribeNetworkInterfaces, and every 5 minutes on every node
    /// made it the largest steady cost in EC2 calls; leaks only come from crashes. Zero disables.</summary>
    public TimeSpan LeakSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Longest time a describe may answer from the last EC2 view because IMDS agrees with it
    /// (CLOUDNET_AWS_EC2_RESYNC_INTERVAL). Between the provider's own changes the node's ENIs only
    /// change behind its back, and IMDS shows such changes too (seconds late), so a describe reads
    /// IMDS, which costs no EC2 call, and asks EC2 only when IMDS differs, after a change of this
    /// provider whose outcome EC2's response did not give, or once this interval has passed. Default 10 minutes; zero asks EC2 every time.
    /// </summary>
    public TimeSpan Ec2ResyncInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long IMDS may keep showing the state before a change this provider made and EC2 confirmed
    /// in its response (IMDS shows new ENIs and addresses seconds after EC2). Within this time a
    /// describe answers from the EC2 view with the change folded in; after it, or when IMDS shows
    /// anything else, EC2 answers. Default 1 minute; zero asks EC2 after every change.
    /// </summary>
    public TimeSpan ImdsSettleTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Describe an ENI before detaching it even when the EC2 view knows its attachment, as aws-node's
    /// freeENI does (one call more per deleted ENI). Default false; the policy benchmark's model of
    /// AWS VPC CNI sets it to count AWS's calls. Not an environment setting.
    /// </summary>
    public bool DescribeBeforeDetach { get; set; }

    /// <summary>How long VPC CIDRs read from EC2 (when IMDS has none) are cached. Default 5 minutes.</summary>
    public TimeSpan VpcCidrCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Interfaces pods may use, including the primary (MAX_ENI); 0 = the instance type's limit.
    /// Used for max pods. Default 0.</summary>
    public int MaxEni { get; set; }

    /// <summary>True when <see cref="EniSubnetId"/> selects custom networking.</summary>
    public bool CustomNetworking => !string.IsNullOrWhiteSpace(EniSubnetId);

    /// <summary>Every problem with the settings, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Ec2RequestsPerSecond <= 0)
        {
            errors.Add($"CLOUDNET_AWS_EC2_RATE must be > 0 (got {Ec2RequestsPerSecond})");
        }

        if (Ec2Burst < 1)
        {
            errors.Add($"CLOUDNET_AWS_EC2_BURST must be >= 1 (got {Ec2Burst})");
        }

        if (Ec2MaxRetries < 0)
        {
            errors.Add($"CLOUDNET_AWS_EC2_MAX_RETRIES must be >= 0 (got {Ec2MaxRetries})");
        }

        if (Ec2ThrottleRetryBaseDelay <= TimeSpan.Zero)
        {
            errors.Add($"CLOUDNET_AWS_EC2_THROTTLE_RETRY_BASE_DELAY must be > 0 (got {Ec2ThrottleRetryBaseDelay})");
        }

        if (Ec2ThrottleRetryMaxDelay < Ec2ThrottleRetryBaseDelay)
        {
            errors.Add($"CLOUDNET_AWS_EC2_THROTTLE_RETRY_MAX_DELAY must be >= CLOUDNET_AWS_EC2_THROTTLE_RETRY_BASE_DELAY (got {Ec2ThrottleRetryMaxDelay} < {Ec2ThrottleRetryBaseDelay})");
        }

        if (InstanceLimitsRefreshWindow < TimeSpan.Zero)
        {
            errors.Add($"CLOUDNET_AWS_LIMITS_REFRESH_WINDOW must be >= 0 (got {InstanceLimitsRefreshWindow})");
        }

        if (BreakerFailureRatio is <= 0 or > 1)
        {
            errors.Add($"breaker failure ratio must be in (0, 1] (got {BreakerFailureRatio})");
        }

        if (ImdsTokenTtl < TimeSpan.FromSeconds(1) || ImdsTokenTtl > TimeSpan.FromHours(6))
        {
            errors.Add($"IMDS token TTL must be between 1 s and 6 h (got {ImdsTokenTtl})");
        }

        if (InstanceId is not null && Region is null)
        {
            errors.Add("CLOUDNET_AWS_INSTANCE_ID needs AWS_REGION (there is no IMDS to read it from)");
        }

        if (ImdsSettleTime < TimeSpan.Zero)
        {
            errors.Add($"IMDS settle time must be >= 0 (got {ImdsSettleTime})");
        }

        if (MaxEni < 0)
        {
            errors.Add($"MAX_ENI must be >= 0 (got {MaxEni})");
        }

        return errors;
    }
}
