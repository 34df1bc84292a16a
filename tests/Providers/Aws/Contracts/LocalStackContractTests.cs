using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Testing.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Cloudnet.Providers.Aws.Tests.Contracts;

/// <summary>
/// The provider contract against LocalStack, when LOCALSTACK_ENDPOINT is set (see
/// localstack/README.md). LocalStack has no IMDS, so the node is CLOUDNET_TEST_INSTANCE_ID (from
/// the init script's rig.env) or the first running instance, and its identity comes from
/// DescribeInstances. ENIs a test creates are deleted afterwards. scripts/localstack-path.sh runs
/// this class against cloudnet-emulator standing in for LocalStack; it has never run against
/// real LocalStack here (no Docker on the machine that wrote it).
/// </summary>
public sealed class LocalStackContractTests(ITestOutputHelper output) : CloudProviderContractTests(output), IDisposable
{
    private static readonly string? Endpoint = Environment.GetEnvironmentVariable("LOCALSTACK_ENDPOINT");
    private static readonly string Region = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
    private AmazonEC2Client? _admin;
    private Ec2CloudProvider? _provider;
    private HashSet<string> _before = [];

    protected override string? BackendUnavailable =>
        string.IsNullOrEmpty(Endpoint) ? "LOCALSTACK_ENDPOINT is not set; the emulator runs the same contract (Ec2EmulatorContractTests)" : null;

    protected override string? MissingFeature(ContractFeature feature) => feature switch
    {
        ContractFeature.Prefixes => "LocalStack does not implement prefix delegation (Ipv4PrefixCount)",
        ContractFeature.AddressLimits => "LocalStack does not enforce per-ENI address limits of the instance type",
        ContractFeature.InterfaceLimits => "LocalStack does not enforce per-instance ENI limits",
        _ => null,
    };

    protected override async Task<ICloudProvider> CreateProviderAsync()
    {
        _admin = new AmazonEC2Client(new BasicAWSCredentials("test", "test"), new AmazonEC2Config { ServiceURL = Endpoint, AuthenticationRegion = Region });
        var instanceId = Environment.GetEnvironmentVariable("CLOUDNET_TEST_INSTANCE_ID") ?? await FirstRunningInstanceAsync(_admin);
        _before = [.. await AttachedAsync(_admin, instanceId)];
        _provider = new Ec2CloudProvider(
            new AwsProviderOptions
            {
                Ec2Endpoint = new Uri(Endpoint!),
                Region = Region,
                InstanceId = instanceId,
                ClusterName = "contract-tests",
                AccessKeyId = "test",
                SecretAccessKey = "test",
                // LocalStack does not throttle; the default 5 calls/s would only slow the run down.
                Ec2RequestsPerSecond = 50,
                Ec2Burst = 50,
            },
            TimeProvider.System,
            NullLoggerFactory.Instance);
        return _provider;
    }

    protected override async Task DisposeProviderAsync()
    {
        if (_provider is not null && _admin is not null)
        {
            var identity = await _provider.IdentityAsync(CancellationToken.None);
            foreach (var id in (await AttachedAsync(_admin, identity.InstanceId)).Where(id => !_before.Contains(id)))
            {
                await _provider.DeleteInterfaceAsync(id, CancellationToken.None);
            }
        }

        Dispose();
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _admin?.Dispose();
    }

    private static async Task<string> FirstRunningInstanceAsync(AmazonEC2Client ec2)
    {
        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest
        {
            Filters = [new Filter { Name = "instance-state-name", Values = ["running"] }],
        });
        return response.Reservations?.SelectMany(r => r.Instances ?? []).Select(i => i.InstanceId).FirstOrDefault()
            ?? throw new InvalidOperationException("LocalStack has no running instance; run localstack/init script first");
    }

    private static async Task<List<string>> AttachedAsync(AmazonEC2Client ec2, string instanceId)
    {
        var response = await ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            Filters = [new Filter { Name = "attachment.instance-id", Values = [instanceId] }],
        });
        return [.. (response.NetworkInterfaces ?? []).Select(n => n.NetworkInterfaceId)];
    }
}
