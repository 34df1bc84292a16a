using Amazon.EC2;
using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Testing.Contracts;
using Xunit.Abstractions;

namespace Cloudnet.Providers.Aws.Tests.Rig;

/// <summary>
/// The provider contract the way it runs against LocalStack — no IMDS, the node named by its
/// instance id and described through EC2 — on an instance RunInstances launched into a VPC,
/// subnet and group made as the init script makes them, in the in-process emulator. Unlike
/// LocalStack, the emulator enforces the type's limits, so no feature is skipped. Runs on every
/// test run, without the AWS CLI (scripts/localstack-path.sh covers the CLI and rig.env).
/// </summary>
public class RigInstanceContractTests(ITestOutputHelper output) : CloudProviderContractTests(output), IDisposable
{
    private EmulatorHandle? _emulator;
    private Ec2CloudProvider? _provider;

    /// <summary>The rig's instance (the booted instance, which IMDS serves, is a different one).</summary>
    public string InstanceId { get; private set; } = "";

    /// <summary>Extra provider settings of a derived run.</summary>
    protected virtual void Configure(AwsProviderOptions options)
    {
    }

    protected override async Task<ICloudProvider> CreateProviderAsync()
    {
        _emulator = await AwsTestProvider.StartEmulatorAsync();
        using (var ec2 = AwsTestProvider.SdkClient(_emulator))
        {
            InstanceId = await LaunchRigInstanceAsync(ec2);
        }

        _provider = AwsTestProvider.Create(_emulator, o =>
        {
            o.InstanceId = InstanceId;
            o.Region = "us-east-1";
            // Nothing listens here: had the provider asked IMDS, it would fail instead of reading the booted instance.
            o.ImdsEndpoint = new Uri("http://127.0.0.1:9/");
            Configure(o);
        });
        return _provider;
    }

    protected override async Task DisposeProviderAsync()
    {
        if (_provider is not null)
        {
            var identity = await _provider.IdentityAsync(CancellationToken.None);
            Assert.Equal(InstanceId, identity.InstanceId);
        }

        _provider?.Dispose();
        if (_emulator is not null)
        {
            Assert.Equal(0, _emulator.Calls.Snapshot().Imds);
            await _emulator.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static async Task<string> LaunchRigInstanceAsync(AmazonEC2Client ec2)
    {
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" })).Vpc.VpcId;
        var subnet = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.0.0.0/19" })).Subnet.SubnetId;
        var group = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest("cloudnet-node", "cloudnet test node") { VpcId = vpc })).GroupId;
        var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest())).Images[0].ImageId;
        var launched = await ec2.RunInstancesAsync(new RunInstancesRequest(image, 1, 1)
        {
            InstanceType = "m5.large", SubnetId = subnet, SecurityGroupIds = [group],
        });
        return Assert.Single(launched.Reservation.Instances).InstanceId;
    }
}
