using System.Diagnostics;
using Amazon.EC2.Model;
using Cloudnet.Emulator;
using Cloudnet.Testing;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

/// <summary>--materialize-enis against a throwaway namespace standing in for the node.</summary>
public sealed class EniMaterializerTests : IAsyncLifetime
{
    private readonly string _netns = "cnt-" + Guid.NewGuid().ToString("N")[..8];
    private bool _created;

    public Task InitializeAsync()
    {
        if (Privileges.IsRoot)
        {
            Ip("netns", "add", _netns);
            _created = true;
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (_created)
        {
            Ip("netns", "del", _netns);
        }

        return Task.CompletedTask;
    }

    [RootFact]
    public async Task AttachDetach_SecondaryEni_DummyLinkWithMacAddedThenRemoved()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.MaterializeEnis = true;
            o.Netns = _netns;
        });
        using var ec2 = TestEmulator.Ec2(emulator);
        var subnet = emulator.State.Snapshot().Subnets[1].SubnetId;
        var eni = (await ec2.CreateNetworkInterfaceAsync(new CreateNetworkInterfaceRequest { SubnetId = subnet })).NetworkInterface;

        var attachment = await ec2.AttachNetworkInterfaceAsync(new AttachNetworkInterfaceRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, InstanceId = emulator.State.InstanceId, DeviceIndex = 2,
        });
        await emulator.WaitForMaterializationAsync(CancellationToken.None);
        var attached = Ip("-n", _netns, "-o", "link", "show", "eth2");
        var primary = Ip("-n", _netns, "-o", "addr", "show", "eth0");
        await ec2.DetachNetworkInterfaceAsync(new DetachNetworkInterfaceRequest { AttachmentId = attachment.AttachmentId });
        await emulator.WaitForMaterializationAsync(CancellationToken.None);
        var links = Ip("-n", _netns, "-o", "link", "show");

        Assert.Contains(eni.MacAddress, attached, StringComparison.Ordinal);
        Assert.Contains(emulator.State.Snapshot().Instances[0].PrivateIpAddress! + "/19", primary, StringComparison.Ordinal);
        Assert.DoesNotContain(eni.MacAddress, links, StringComparison.Ordinal);
        Assert.DoesNotContain("eth2", links, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Dispose_MaterializedLinks_Removed()
    {
        var emulator = await TestEmulator.StartAsync(o =>
        {
            o.MaterializeEnis = true;
            o.Netns = _netns;
        });
        await emulator.WaitForMaterializationAsync(CancellationToken.None);
        var before = Ip("-n", _netns, "-o", "link", "show");

        await emulator.DisposeAsync();

        Assert.Contains("eth0", before, StringComparison.Ordinal);
        Assert.DoesNotContain("eth0", Ip("-n", _netns, "-o", "link", "show"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingNamespace_InvalidOperationNamingIt()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => TestEmulator.StartAsync(o =>
        {
            o.MaterializeEnis = true;
            o.Netns = "cnt-does-not-exist";
        }));

        Assert.Contains("cnt-does-not-exist", e.Message, StringComparison.Ordinal);
    }

    private static string Ip(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
