using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Cloudnet.Providers.Aws.Imds;
using Cloudnet.Providers.Aws.Limits;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Bench.Fleet;

/// <summary>
/// A model of aws-node's start-up on a new node in its default mode (secondary IPs, WARM_ENI_TARGET=1),
/// checked against amazon-vpc-cni-k8s master of 2026-08 (pkg/ipamd/ipamd.go nodeInit, handlePreScaling;
/// pkg/awsutils/awsutils.go New, DescribeAllENIs, TagENI, AllocIPAddresses). IMDS reads (free), then the
/// EC2 calls, each through the SDK's default retryer (<see cref="SdkStandardRetryer"/>):
/// DescribeNetworkInterfaces (the instance's ENIs); CreateTags on every ENI missing the
/// node.k8s.amazonaws.com/instance_id / cluster tags (TagENI: 5 tries, 0.5 s doubling + up to 30% jitter);
/// the pool is too low (available &lt; WARM_ENI_TARGET × addresses per ENI), so AssignPrivateIpAddresses
/// fills the primary ENI. No DescribeInstanceTypes: the type is in aws-node's built-in limits table.
/// Any failure ends nodeInit and aws-node exits; the kubelet restarts it after <see cref="RestartBackoff"/>.
/// The warm pool is ready when the assignment returns (aws-node adds the addresses from its output).
/// </summary>
public sealed class AwsStyleNode(string instanceId, Uri emulator, int seed, ILoggerFactory loggers) : IFleetNode
{
    private const int WarmEniTarget = 1;
    private const string InstanceTagKey = "node.k8s.amazonaws.com/instance_id";
    private const string ClusterTagKey = "cluster.k8s.amazonaws.com/name";
    private const string OwnerTagKey = "node.k8s.amazonaws.com/createdBy";
    private readonly Random _jitter = new(seed);

    /// <inheritdoc />
    public string InstanceId => instanceId;

    /// <summary>Retry-quota refusals over every start of this node (the SDK gave up early).</summary>
    public int QuotaRefusals { get; private set; }

    /// <inheritdoc />
    public async Task<NodeOutcome> RunAsync(long origin, TimeSpan deadline, CancellationToken cancellationToken)
    {
        await Clock.UntilAsync(origin, cancellationToken).ConfigureAwait(false);
        var restarts = 0;
        string? lastError = null;
        while (true)
        {
            try
            {
                await NodeInitAsync(restarts, cancellationToken).ConfigureAwait(false);
                return new NodeOutcome(instanceId, Clock.Since(origin), restarts, lastError);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                lastError = e.Message;
                restarts++;
                var delay = RestartBackoff.Before(restarts);
                if (Clock.Since(origin) + delay > deadline)
                {
                    return new NodeOutcome(instanceId, null, restarts, lastError);
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task NodeInitAsync(int restarts, CancellationToken cancellationToken)
    {
        using var imds = new ImdsClient(
            new Uri(emulator, $"_emulator/instances/{instanceId}/"), TimeSpan.FromHours(6), TimeSpan.FromSeconds(2), TimeProvider.System, loggers.CreateLogger("aws-style-imds"));
        var identity = await new ImdsMetadata(imds).ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
        var limits = InstanceTypeTable.Find(identity.InstanceType)
            ?? throw new InvalidOperationException($"instance type {identity.InstanceType} is not in the built-in limits table");
        using var ec2 = new AmazonEC2Client(new BasicAWSCredentials("test", "test"), new AmazonEC2Config
        {
            ServiceURL = emulator.ToString(),
            AuthenticationRegion = identity.Region,
            MaxErrorRetry = 0, // the SDK's own retries are replaced by the model of Go's standard retryer
            Timeout = TimeSpan.FromSeconds(10), // aws-node's HTTP_TIMEOUT default
        });
        // A new process: a new client with a full retry quota.
        var retryer = new SdkStandardRetryer(new Random(seed * 7919 + restarts), TimeProvider.System);
        try
        {
            var enis = (await retryer.CallAsync(
                ct => ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { Filters = [new Filter("attachment.instance-id", [instanceId])] }, ct),
                cancellationToken).ConfigureAwait(false)).NetworkInterfaces ?? [];
            foreach (var eni in enis)
            {
                await TagEniAsync(ec2, retryer, eni, cancellationToken).ConfigureAwait(false);
            }

            var perEni = limits.IPv4PerInterface - 1;
            var available = enis.Sum(e => (e.PrivateIpAddresses?.Count ?? 1) - 1);
            if (available >= WarmEniTarget * perEni)
            {
                return;
            }

            var primary = enis.Single(e => e.Attachment?.DeviceIndex == 0);
            var room = perEni - ((primary.PrivateIpAddresses?.Count ?? 1) - 1);
            if (room <= 0)
            {
                throw new NotSupportedException("the model covers a new node's start only (the primary ENI has room); attaching ENIs is not modelled");
            }

            await retryer.CallAsync(
                ct => ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = primary.NetworkInterfaceId, SecondaryPrivateIpAddressCount = room }, ct),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            QuotaRefusals += retryer.QuotaRefusals;
        }
    }

    /// <summary>TagENI: only missing tags, in one CreateTags, tried 5 times (retry.NWithBackoff over SimpleBackoff(500 ms, 1 min, 0.3, 2)).</summary>
    private async Task TagEniAsync(AmazonEC2Client ec2, SdkStandardRetryer retryer, NetworkInterface eni, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal) { [InstanceTagKey] = instanceId, [ClusterTagKey] = "fleet", [OwnerTagKey] = "aws-node" };
        var current = (eni.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var missing = wanted.Where(w => !current.TryGetValue(w.Key, out var v) || v != w.Value).Select(w => new Tag(w.Key, w.Value)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await retryer.CallAsync(
                    ct => ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [eni.NetworkInterfaceId], Tags = missing }, ct),
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AmazonServiceException) when (attempt < 5)
            {
                var jitter = TimeSpan.FromTicks((long)(delay.Ticks * 0.3 * _jitter.NextDouble()));
                await Task.Delay(delay + jitter, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }
}
