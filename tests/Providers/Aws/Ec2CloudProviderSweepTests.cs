using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Cloudnet.Providers.Aws.Ec2;

namespace Cloudnet.Providers.Aws.Tests;

public sealed class Ec2CloudProviderSweepTests : IAsyncLifetime
{
    private EmulatorHandle _emulator = null!;
    private AmazonEC2Client _ec2 = null!;

    public async Task InitializeAsync()
    {
        _emulator = await AwsTestProvider.StartEmulatorAsync();
        _ec2 = AwsTestProvider.SdkClient(_emulator);
    }

    public async Task DisposeAsync()
    {
        _ec2.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task SweepLeakedInterfacesAsync_MixedEnis_DeletesOnlyOldAvailableEnisTaggedForThisCluster()
    {
        var old = DateTimeOffset.UtcNow.AddHours(-1);
        var leaked = await CreateAsync(Tags(AwsTestProvider.Cluster, old));
        var young = await CreateAsync(Tags(AwsTestProvider.Cluster, DateTimeOffset.UtcNow));
        var otherCluster = await CreateAsync(Tags("other-cluster", old));
        var untagged = await CreateAsync([]);
        var foreignOwner = await CreateAsync([new Tag(EniTags.Cluster, AwsTestProvider.Cluster), new Tag(EniTags.CreatedAt, Iso(old))]);
        var attached = await CreateAsync(Tags(AwsTestProvider.Cluster, old));
        await _ec2.AttachNetworkInterfaceAsync(new AttachNetworkInterfaceRequest { NetworkInterfaceId = attached, InstanceId = _emulator.State.InstanceId, DeviceIndex = 1 });
        using var provider = AwsTestProvider.Create(_emulator);

        var deleted = await provider.SweepLeakedInterfacesAsync(CancellationToken.None);

        Assert.Equal([leaked], deleted);
        var remaining = _emulator.State.Snapshot().NetworkInterfaces.Select(n => n.NetworkInterfaceId).ToHashSet();
        Assert.DoesNotContain(leaked, remaining);
        Assert.Superset(new HashSet<string> { young, otherCluster, untagged, foreignOwner, attached }, remaining);
    }

    [Fact]
    public async Task SweepLeakedInterfacesAsync_NoClusterName_TouchesNothing()
    {
        var leaked = await CreateAsync(Tags(AwsTestProvider.Cluster, DateTimeOffset.UtcNow.AddHours(-1)));
        using var provider = AwsTestProvider.Create(_emulator, o => o.ClusterName = null);

        Assert.Empty(await provider.SweepLeakedInterfacesAsync(CancellationToken.None));
        Assert.Contains(_emulator.State.Snapshot().NetworkInterfaces, n => n.NetworkInterfaceId == leaked);
    }

    [Fact]
    public async Task SweepLeakedInterfacesAsync_EniLeftByAFailedCreate_DeletedOnceOlderThanGrace()
    {
        using var provider = AwsTestProvider.Create(_emulator, o => o.LeakGracePeriod = TimeSpan.Zero);
        var eni = await provider.CreateInterfaceAsync(CancellationToken.None);
        var attachment = _emulator.State.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == eni.Id).Attachment!.AttachmentId;
        await _ec2.DetachNetworkInterfaceAsync(new DetachNetworkInterfaceRequest { AttachmentId = attachment });

        Assert.Equal([eni.Id], await provider.SweepLeakedInterfacesAsync(CancellationToken.None));
    }

    private static List<Tag> Tags(string cluster, DateTimeOffset created) =>
        [new Tag(EniTags.Owner, EniTags.OwnerValue), new Tag(EniTags.Cluster, cluster), new Tag(EniTags.CreatedAt, Iso(created))];

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async Task<string> CreateAsync(List<Tag> tags)
    {
        var subnet = _emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.32.0/19").SubnetId;
        var request = new CreateNetworkInterfaceRequest { SubnetId = subnet, Description = "test" };
        if (tags.Count > 0)
        {
            request.TagSpecifications = [new TagSpecification { ResourceType = ResourceType.NetworkInterface, Tags = tags }];
        }

        return (await _ec2.CreateNetworkInterfaceAsync(request)).NetworkInterface.NetworkInterfaceId;
    }
}
