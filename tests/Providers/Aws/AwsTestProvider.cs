using Amazon.EC2;
using Amazon.Runtime;
using Cloudnet.Emulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cloudnet.Providers.Aws.Tests;

/// <summary>Builds an <see cref="Ec2CloudProvider"/> pointed at an in-process emulator (EC2 and IMDS on one listener).</summary>
internal static class AwsTestProvider
{
    public const string Cluster = "test-cluster";

    // The provider's random draws place the deferred DescribeInstanceTypes within the 10-minute refresh
    // window. Random.Shared could put it within the test (0.5% of draws fall in the first 3 s), and an
    // unplanned EC2 call breaks every test that counts calls. The first two draws of this seed are
    // 0.82 and 0.99: the refresh comes 8 minutes or more after the first describe, after any test here.
    private const int RefreshAfterTheTestSeed = 4;

    public static Task<EmulatorHandle> StartEmulatorAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { LogLevel = LogLevel.None };
        configure?.Invoke(options);
        return EmulatorHost.StartAsync(options, CancellationToken.None);
    }

    public static AwsProviderOptions Options(EmulatorHandle emulator, Action<AwsProviderOptions>? configure = null)
    {
        var options = new AwsProviderOptions
        {
            ClusterName = Cluster,
            Ec2Endpoint = emulator.BaseUri,
            ImdsEndpoint = emulator.BaseUri,
            // The in-process emulator answers IMDS on the test's own thread pool: on a busy machine an
            // answer can take longer than the 2 s meant for a real instance's IMDS, and a provider on a
            // fake clock would then wait forever for its retry backoff.
            ImdsTimeout = TimeSpan.FromSeconds(30),
            Ec2RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            Ec2RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            Ec2ThrottleRetryBaseDelay = TimeSpan.FromMilliseconds(20),
            Ec2ThrottleRetryMaxDelay = TimeSpan.FromMilliseconds(500),
            DeleteRetryDelay = TimeSpan.FromMilliseconds(20),
            Ec2RequestsPerSecond = 100,
            Ec2Burst = 100,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A plain SDK client for arranging cloud state behind the provider's back.</summary>
    public static AmazonEC2Client SdkClient(EmulatorHandle emulator) =>
        new(new BasicAWSCredentials("test", "test"), new AmazonEC2Config { ServiceURL = emulator.BaseUri.ToString(), AuthenticationRegion = "us-east-1" });

    public static Ec2CloudProvider Create(
        EmulatorHandle emulator,
        Action<AwsProviderOptions>? configure = null,
        TimeProvider? time = null,
        AwsMetrics? metrics = null,
        Random? random = null,
        ILoggerFactory? loggerFactory = null) =>
        new(Options(emulator, configure), time ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance, metrics, random: random ?? new Random(RefreshAfterTheTestSeed));
}
