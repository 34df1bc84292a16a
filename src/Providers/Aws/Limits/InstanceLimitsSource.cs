using Amazon.EC2.Model;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.Aws.Ec2;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.Aws.Limits;

/// <summary>
/// Instance-type limits from DescribeInstanceTypes, cached for the life of the process (a type's
/// limits never change). When EC2 cannot answer, the built-in <see cref="InstanceTypeTable"/> is
/// used and EC2 is asked again after an hour.
/// </summary>
internal sealed partial class InstanceLimitsSource
{
    private static readonly TimeSpan FallbackRetry = TimeSpan.FromHours(1);
    private readonly Ec2Caller? _ec2;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (InstanceTypeLimits Limits, DateTimeOffset? RetryAt)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <param name="ec2">EC2, or null in IMDS-only mode (table only).</param>
    public InstanceLimitsSource(Ec2Caller? ec2, TimeProvider timeProvider, ILogger logger)
    {
        _ec2 = ec2;
        _time = timeProvider;
        _logger = logger;
    }

    public async Task<InstanceTypeLimits> GetAsync(string instanceType, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(instanceType, out var hit) && (hit.RetryAt is null || hit.RetryAt > _time.GetUtcNow() || _ec2 is null))
            {
                return hit.Limits;
            }
        }

        InstanceTypeLimits limits;
        DateTimeOffset? retryAt = null;
        if (_ec2 is not null)
        {
            try
            {
                limits = await DescribeAsync(_ec2, instanceType, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudProviderException ex)
            {
                limits = Fallback(instanceType, ex);
                retryAt = _time.GetUtcNow() + FallbackRetry;
                LogFallback(_logger, instanceType, ex.Message);
            }
        }
        else
        {
            limits = Fallback(instanceType, null);
        }

        lock (_lock)
        {
            _cache[instanceType] = (limits, retryAt);
        }

        return limits;
    }

    private static async Task<InstanceTypeLimits> DescribeAsync(Ec2Caller ec2, string instanceType, CancellationToken cancellationToken)
    {
        var response = await ec2.CallAsync(
            "DescribeInstanceTypes",
            "instance type " + instanceType,
            (client, ct) => client.DescribeInstanceTypesAsync(new DescribeInstanceTypesRequest { InstanceTypes = [instanceType] }, ct),
            cancellationToken).ConfigureAwait(false);
        var info = response.InstanceTypes?.FirstOrDefault()
            ?? throw new CloudProviderException(CloudErrorKind.NotFound, "DescribeInstanceTypes", $"instance type {instanceType}: EC2 does not know it");
        var network = info.NetworkInfo
            ?? throw new CloudProviderException(CloudErrorKind.Other, "DescribeInstanceTypes", $"instance type {instanceType}: no networkInfo in the answer");
        var hypervisor = info.Hypervisor?.Value;
        var builtIn = InstanceTypeTable.Find(instanceType);
        return new InstanceTypeLimits(
            instanceType,
            network.MaximumNetworkInterfaces ?? builtIn?.MaxInterfaces ?? 1,
            network.Ipv4AddressesPerInterface ?? builtIn?.IPv4PerInterface ?? 1,
            info.VCpuInfo?.DefaultVCpus ?? builtIn?.VCpus ?? 1,
            hypervisor is null ? builtIn?.IsNitro ?? true : string.Equals(hypervisor, "nitro", StringComparison.OrdinalIgnoreCase));
    }

    private static InstanceTypeLimits Fallback(string instanceType, Exception? cause) =>
        InstanceTypeTable.Find(instanceType)
        ?? throw new CloudProviderException(
            CloudErrorKind.NotFound,
            "DescribeInstanceTypes",
            $"instance type {instanceType}: not in the built-in table and EC2 could not be asked{(cause is null ? " (IMDS-only mode)" : ": " + cause.Message)}",
            cause);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "DescribeInstanceTypes failed for {InstanceType}; using the built-in limits table: {Error}")]
    private static partial void LogFallback(ILogger logger, string instanceType, string error);
}
