using System.Net;
using Amazon.Runtime;
using Cloudnet.Ipam.Cloud;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Cloudnet.Providers.Aws.Ec2;

/// <summary>
/// Maps EC2's error codes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html)
/// and transport failures to provider-neutral <see cref="CloudErrorKind"/>s.
/// </summary>
public static class Ec2Errors
{
    /// <summary>EC2's code while an ENI is still attached or detaching.</summary>
    public const string InUse = "InvalidNetworkInterface.InUse";

    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal)
    {
        "RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled",
        "RequestThrottledException", "TooManyRequestsException", "SlowDown", "EC2ThrottledException",
    };

    private static readonly HashSet<string> CapacityCodes = new(StringComparer.Ordinal)
    {
        "InsufficientFreeAddressesInSubnet", "PrivateIpAddressLimitExceeded", "AttachmentLimitExceeded",
        "NetworkInterfaceLimitExceeded", "InsufficientAddressCapacity", "AddressLimitExceeded",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable", "RequestTimeout",
        "RequestTimeoutException", "RequestExpired", "IDPCommunicationError",
    };

    /// <summary>The kind of <paramref name="code"/> (an EC2 error code) with HTTP status <paramref name="status"/>.</summary>
    public static CloudErrorKind Classify(string? code, HttpStatusCode status)
    {
        if (code is not null)
        {
            if (ThrottleCodes.Contains(code))
            {
                return CloudErrorKind.Throttled;
            }

            if (code == "InsufficientCidrBlocks")
            {
                return CloudErrorKind.InsufficientCidrBlocks;
            }

            if (CapacityCodes.Contains(code))
            {
                return CloudErrorKind.Capacity;
            }

            if (code.EndsWith(".NotFound", StringComparison.Ordinal))
            {
                return CloudErrorKind.NotFound;
            }

            if (code is "UnauthorizedOperation" or "AccessDenied" or "AccessDeniedException" or "AuthFailure")
            {
                return CloudErrorKind.Unauthorized;
            }

            if (TransientCodes.Contains(code))
            {
                return CloudErrorKind.Transient;
            }
        }

        return status switch
        {
            HttpStatusCode.TooManyRequests => CloudErrorKind.Throttled,
            >= HttpStatusCode.InternalServerError => CloudErrorKind.Transient,
            _ => CloudErrorKind.Other,
        };
    }

    /// <summary>The kind of any exception an EC2 call can throw; Other for bugs.</summary>
    public static CloudErrorKind Classify(Exception exception) => exception switch
    {
        CloudProviderException cloud => cloud.Kind,
        AmazonServiceException service when service.ErrorCode is not null || service.StatusCode != 0 =>
            Classify(service.ErrorCode, service.StatusCode),
        AmazonServiceException { InnerException: { } inner } => Classify(inner),
        AmazonClientException { InnerException: { } inner } => Classify(inner),
        HttpRequestException or IOException or TimeoutRejectedException or TimeoutException => CloudErrorKind.Transient,
        TaskCanceledException => CloudErrorKind.Transient, // HttpClient's own timeout
        BrokenCircuitException or RateLimiterRejectedException => CloudErrorKind.Transient,
        _ => CloudErrorKind.Other,
    };

    /// <summary>True for failures worth retrying (and counted by the circuit breaker).</summary>
    public static bool IsRetryable(Exception exception) =>
        exception is not BrokenCircuitException && Classify(exception) is CloudErrorKind.Throttled or CloudErrorKind.Transient;

    /// <summary>The EC2 error code behind <paramref name="exception"/>, if any.</summary>
    public static string? CodeOf(Exception? exception) => exception switch
    {
        null => null,
        AmazonServiceException service when service.ErrorCode is not null => service.ErrorCode,
        _ => CodeOf(exception.InnerException),
    };

    /// <summary>Wraps <paramref name="exception"/> in a <see cref="CloudProviderException"/> naming the
    /// operation and ids; for UnauthorizedOperation the message names the missing IAM action.</summary>
    public static CloudProviderException Translate(string action, string subject, Exception exception)
    {
        if (exception is CloudProviderException cloud)
        {
            return cloud;
        }

        var kind = Classify(exception);
        var code = CodeOf(exception);
        var detail = exception switch
        {
            BrokenCircuitException broken => $"EC2 is failing, calls paused by the circuit breaker ({broken.Message})",
            _ when kind == CloudErrorKind.Unauthorized =>
                $"the node's credentials lack the IAM permission ec2:{action} ({code}): {exception.Message}",
            _ when code is not null => $"{code}: {exception.Message}",
            _ => exception.Message,
        };
        return new CloudProviderException(kind, action, $"{subject}: {detail}", exception);
    }
}
