using Amazon.EC2;
using Amazon.EC2.Model;
using Cloudnet.Emulator;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>An emulator and an SDK client per test, plus the few calls most tests need.</summary>
public abstract class Ec2TestBase : IAsyncLifetime
{
    protected EmulatorHandle Emulator { get; private set; } = null!;

    protected AmazonEC2Client Ec2 { get; private set; } = null!;

    protected virtual void Configure(EmulatorOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        Emulator = await TestEmulator.StartAsync(Configure);
        Ec2 = TestEmulator.Ec2(Emulator);
    }

    public async Task DisposeAsync()
    {
        Ec2.Dispose();
        await Emulator.DisposeAsync();
    }

    protected string SubnetId(string cidr) => Emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == cidr).SubnetId;

    protected async Task<NetworkInterface> CreateEniAsync(string subnetCidr = "10.0.32.0/19", int secondaryCount = 0)
    {
        var request = new CreateNetworkInterfaceRequest { SubnetId = SubnetId(subnetCidr), Description = "test" };
        if (secondaryCount > 0)
        {
            request.SecondaryPrivateIpAddressCount = secondaryCount;
        }

        return (await Ec2.CreateNetworkInterfaceAsync(request)).NetworkInterface;
    }

    protected async Task<string> AttachAsync(string eniId, int deviceIndex) =>
        (await Ec2.AttachNetworkInterfaceAsync(new AttachNetworkInterfaceRequest
        {
            NetworkInterfaceId = eniId, InstanceId = Emulator.State.InstanceId, DeviceIndex = deviceIndex,
        })).AttachmentId;

    protected static async Task<AmazonEC2Exception> FailsAsync(Func<Task> call) =>
        await Assert.ThrowsAsync<AmazonEC2Exception>(call);
}
