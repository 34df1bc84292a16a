using Amazon;
using Amazon.EC2;
using Amazon.Runtime;

namespace Cloudnet.Providers.Aws.Ec2;

/// <summary>Builds the SDK client: region, endpoint override, credentials; SDK retries off (Polly retries).</summary>
public static class Ec2ClientFactory
{
    /// <summary>A client for <paramref name="region"/> configured from <paramref name="options"/>.</summary>
    public static IAmazonEC2 Create(AwsProviderOptions options, string region)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonEC2Config
        {
            // Polly owns retries and rate limiting; the SDK's own would multiply attempts.
            MaxErrorRetry = 0,
            Timeout = options.Ec2AttemptTimeout,
        };
        if (options.Ec2Endpoint is not null)
        {
            config.ServiceURL = options.Ec2Endpoint.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        var credentials = Credentials(options);
        return credentials is null ? new AmazonEC2Client(config) : new AmazonEC2Client(credentials, config);
    }

    private static AWSCredentials? Credentials(AwsProviderOptions options)
    {
        if (!string.IsNullOrEmpty(options.AccessKeyId) && !string.IsNullOrEmpty(options.SecretAccessKey))
        {
            return string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey)
                : new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken);
        }

        // LocalStack and the emulator accept any key; "test" is LocalStack's documented convention.
        return options.Ec2Endpoint is not null ? new BasicAWSCredentials("test", "test") : null;
    }
}
