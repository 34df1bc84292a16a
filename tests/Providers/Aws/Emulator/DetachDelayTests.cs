using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class DetachDelayTests : Ec2TestBase
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override void Configure(EmulatorOptions options)
    {
        options.TimeProvider = _time;
        options.DetachDelay = TimeSpan.FromSeconds(3);
    }

    [Fact]
    public async Task Delete_WhileDetaching_InUseThenSucceedsAfterDelay()
    {
        var eni = await CreateEniAsync();
        var attachmentId = await AttachAsync(eni.NetworkInterfaceId, 1);
        await Ec2.DetachNetworkInterfaceAsync(new DetachNetworkInterfaceRequest { AttachmentId = attachmentId });

        var detaching = Assert.Single((await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            NetworkInterfaceIds = [eni.NetworkInterfaceId],
        })).NetworkInterfaces);
        var e = await FailsAsync(() => Ec2.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = eni.NetworkInterfaceId }));
        var busyIndex = await FailsAsync(() => AttachAsync(eni.NetworkInterfaceId, 2));
        _time.Advance(TimeSpan.FromSeconds(3));
        await Ec2.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = eni.NetworkInterfaceId });

        Assert.Equal(("in-use", "detaching"), (detaching.Status.Value, detaching.Attachment.Status.Value));
        Assert.Equal("InvalidNetworkInterface.InUse", e.ErrorCode);
        Assert.Equal("InvalidParameterValue", busyIndex.ErrorCode);
        Assert.DoesNotContain(Emulator.State.Snapshot().NetworkInterfaces, n => n.NetworkInterfaceId == eni.NetworkInterfaceId);
    }
}
