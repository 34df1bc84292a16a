using Amazon.EC2;
using Amazon.EC2.Model;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Providers.Aws.Ec2;
using Cloudnet.Providers.Aws.Imds;
using Cloudnet.Providers.Aws.Limits;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.Aws;

/// <summary>
/// <see cref="ICloudProvider"/> over IMDSv2 and EC2. Identity (instance id, type, region) comes
/// from IMDS once; the node's ENIs, addresses and prefixes always come from EC2, because IMDS lags
/// EC2 by seconds after every change. Every EC2 call goes through one <see cref="Ec2Resilience"/>
/// pipeline (retries, circuit breaker, token bucket). In IMDS-only mode no EC2 call is made.
/// </summary>
public sealed partial class Ec2CloudProvider : ICloudProvider, IDisposable
{
    private readonly AwsProviderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ImdsClient? _imdsClient;
    private readonly ImdsMetadata? _imds;
    private readonly Func<string, IAmazonEC2> _ec2Factory;
    private readonly Ec2Resilience _resilience;
    private readonly bool _ownsMetrics;
    private readonly Func<double> _random;
    private readonly SemaphoreSlim _contextLock = new(1, 1);
    private NodeContext? _context;

    /// <summary>Creates the provider. Nothing is called until the first describe.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="timeProvider">Clock for retries, the token bucket, IMDS tokens and tags.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="metrics">Instruments; a private set when null.</param>
    /// <param name="ec2Factory">Builds the EC2 client for a region; <see cref="Ec2ClientFactory"/> when null.</param>
    /// <param name="imdsHttp">HTTP client for IMDS (BaseAddress = endpoint); built from the options when null.</param>
    /// <param name="random">Jitter of throttled retries and of the deferred DescribeInstanceTypes; <see cref="Random.Shared"/> when null (tests pass a seeded one).</param>
    public Ec2CloudProvider(
        AwsProviderOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        AwsMetrics? metrics = null,
        Func<string, IAmazonEC2>? ec2Factory = null,
        HttpClient? imdsHttp = null,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid AWS provider options: " + string.Join("; ", errors), nameof(options));
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory.CreateLogger<Ec2CloudProvider>();
        _ownsMetrics = metrics is null;
        Metrics = metrics ?? new AwsMetrics();
        _ec2Factory = ec2Factory ?? (region => Ec2ClientFactory.Create(options, region));
        _resilience = new Ec2Resilience(options, _time, (ex, attempt, delay) => LogRetry(_logger, attempt, delay.TotalMilliseconds, ex.Message), random);
        _random = random is null ? Random.Shared.NextDouble : () =>
        {
            lock (random)
            {
                return random.NextDouble();
            }
        };
        if (options.InstanceId is null || options.ImdsOnly)
        {
            _imdsClient = imdsHttp is null
                ? new ImdsClient(options.ImdsEndpoint, options.ImdsTokenTtl, options.ImdsTimeout, _time, _logger)
                : new ImdsClient(imdsHttp, ownsHttp: false, options.ImdsTokenTtl, _time, _logger);
            _imds = new ImdsMetadata(_imdsClient);
        }
    }

    /// <inheritdoc />
    public string Name => "aws";

    /// <summary>The provider's instruments.</summary>
    public AwsMetrics Metrics { get; }

    /// <summary>The token bucket and retry pipeline shared by all EC2 calls.</summary>
    public Ec2Resilience Resilience => _resilience;

    /// <summary>The options in force.</summary>
    public AwsProviderOptions Options => _options;

    /// <summary>The node's identity (reads IMDS, or EC2 without IMDS, the first time).</summary>
    public async Task<ImdsIdentity> IdentityAsync(CancellationToken cancellationToken) =>
        (await ContextAsync(cancellationToken).ConfigureAwait(false)).Identity;

    /// <summary>Max pods of the node as AWS computes them for the configured mode, also published as
    /// the cloudnet_aws_max_pods metric.</summary>
    public async Task<int> MaxPodsAsync(CancellationToken cancellationToken)
    {
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var limits = await context.Limits.GetAsync(context.Identity.InstanceType, cancellationToken).ConfigureAwait(false);
        var maxPods = MaxPodsCalculator.Compute(limits, _options.PrefixDelegation, _options.CustomNetworking, _options.MaxEni);
        Metrics.SetMaxPods(maxPods);
        return maxPods;
    }

    /// <summary>The deferred DescribeInstanceTypes started last (completed when none has run); for tests.</summary>
    internal Task LimitsRefresh => Volatile.Read(ref _context)?.Limits.LastRefresh ?? Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        _context?.Limits.Dispose();
        _context?.Ec2?.Client.Dispose();
        _imdsClient?.Dispose();
        _resilience.Dispose();
        _contextLock.Dispose();
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }
    }

    private async Task<NodeContext> ContextAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _context) is { } ready)
        {
            return ready;
        }

        await _contextLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_context is not null)
            {
                return _context;
            }

            ImdsIdentity identity;
            Ec2Caller? ec2 = null;
            if (_imds is not null)
            {
                identity = await _imds.ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
                var region = _options.Region ?? identity.Region;
                ec2 = _options.ImdsOnly ? null : new Ec2Caller(_ec2Factory(region), _resilience, Metrics);
            }
            else
            {
                ec2 = new Ec2Caller(_ec2Factory(_options.Region!), _resilience, Metrics);
                identity = await IdentityFromEc2Async(ec2, _options.InstanceId!, _options.Region!, cancellationToken).ConfigureAwait(false);
            }

            LogIdentity(_logger, identity.InstanceId, identity.InstanceType, identity.Region, _options.ImdsOnly ? "imds-only" : _options.PrefixDelegation ? "prefix" : "secondary-ip");
            var limits = new InstanceLimitsSource(ec2, _time, _logger, _options.InstanceLimitsRefreshWindow, _random, LimitsChanged);
            var context = new NodeContext(identity, ec2, limits);
            Volatile.Write(ref _context, context);
            return context;
        }
        finally
        {
            _contextLock.Release();
        }
    }

    // EC2's limits replaced the built-in table's: the metric follows at once; /v1/config, the Node's
    // pod-ips and the pool limits read them on their next MaxPodsAsync or describe.
    private void LimitsChanged(InstanceTypeLimits limits) =>
        Metrics.SetMaxPods(MaxPodsCalculator.Compute(limits, _options.PrefixDelegation, _options.CustomNetworking, _options.MaxEni));

    private static async Task<ImdsIdentity> IdentityFromEc2Async(Ec2Caller ec2, string instanceId, string region, CancellationToken cancellationToken)
    {
        var response = await ec2.CallAsync(
            "DescribeInstances",
            "instance " + instanceId,
            (client, ct) => client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, ct),
            cancellationToken).ConfigureAwait(false);
        var instance = response.Reservations?.SelectMany(r => r.Instances ?? []).FirstOrDefault(i => i.InstanceId == instanceId)
            ?? throw new CloudProviderException(CloudErrorKind.NotFound, "DescribeInstances", $"instance {instanceId} does not exist");
        var primaryMac = instance.NetworkInterfaces?.FirstOrDefault(n => n.Attachment?.DeviceIndex == 0)?.MacAddress;
        return new ImdsIdentity(instanceId, instance.InstanceType?.Value ?? "unknown", region, instance.Placement?.AvailabilityZone, primaryMac?.ToLowerInvariant());
    }

    private static Ec2Caller RequireEc2(NodeContext context, string action, string subject) =>
        context.Ec2 ?? throw new CloudProviderException(
            CloudErrorKind.Other,
            action,
            $"{subject}: IMDS-only mode (CLOUDNET_AWS_IMDS_ONLY=true) makes no EC2 calls, so the node can only use the ENIs and addresses already attached; unset it to let cloudnet manage ENIs");

    private sealed record NodeContext(ImdsIdentity Identity, Ec2Caller? Ec2, InstanceLimitsSource Limits);
}
