using System.Net;
using Amazon.EC2.Model;
using Cloudnet.Emulator;

namespace Cloudnet.Providers.Aws.Tests.Emulator;

public sealed class Ec2AddressTests : Ec2TestBase
{
    // Default subnets plus a /26 whose only aligned free /28s are .16/28 and .32/28 (.0/28 holds the
    // reserved first four addresses, .48/28 the reserved last one).
    protected override void Configure(EmulatorOptions options) =>
        options.SubnetCidrs = ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/27", "10.0.65.0/26"];

    [Fact]
    public async Task AssignPrivateIpAddresses_Count_AddsSecondariesInSubnet()
    {
        var eni = await CreateEniAsync();

        var response = await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 5,
        });

        Assert.Equal(5, response.AssignedPrivateIpAddresses.Count);
        var state = Emulator.State.Snapshot().NetworkInterfaces.Single(n => n.NetworkInterfaceId == eni.NetworkInterfaceId);
        Assert.Equal(response.AssignedPrivateIpAddresses.Select(a => a.PrivateIpAddress).Order(), state.SecondaryPrivateIpAddresses.Order());
        Assert.All(state.SecondaryPrivateIpAddresses, a => Assert.StartsWith("10.0.", a, StringComparison.Ordinal));
        Assert.Equal(5, state.SecondaryPrivateIpAddresses.Distinct().Count());
    }

    [Fact]
    public async Task AssignPrivateIpAddresses_OverPerEniLimit_PrivateIpAddressLimitExceeded()
    {
        var eni = await CreateEniAsync();
        await AttachAsync(eni.NetworkInterfaceId, 1);
        await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 9 });

        var e = await FailsAsync(() => Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 1,
        }));

        Assert.Equal("PrivateIpAddressLimitExceeded", e.ErrorCode);
    }

    [Fact]
    public async Task AssignPrefixes_CountAgainstSameLimitAsAddresses()
    {
        var eni = await CreateEniAsync();
        await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 4 });
        await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.NetworkInterfaceId, Ipv4PrefixCount = 5 });

        var e = await FailsAsync(() => Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, Ipv4PrefixCount = 1,
        }));

        Assert.Equal("PrivateIpAddressLimitExceeded", e.ErrorCode);
    }

    [Fact]
    public async Task AssignPrefixes_Count_AlignedSlash28sInsideSubnet()
    {
        var eni = await CreateEniAsync();

        var response = await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, Ipv4PrefixCount = 3,
        });

        Assert.Equal(3, response.AssignedIpv4Prefixes.Count);
        foreach (var prefix in response.AssignedIpv4Prefixes.Select(p => p.Ipv4Prefix))
        {
            var parts = prefix.Split('/');
            Assert.Equal("28", parts[1]);
            var last = IPAddress.Parse(parts[0]).GetAddressBytes()[3];
            Assert.Equal(0, last % 16);
            Assert.StartsWith("10.0.", parts[0], StringComparison.Ordinal);
        }

        var described = Assert.Single((await Ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            NetworkInterfaceIds = [eni.NetworkInterfaceId],
        })).NetworkInterfaces);
        Assert.Equal(response.AssignedIpv4Prefixes.Select(p => p.Ipv4Prefix).Order(), described.Ipv4Prefixes.Select(p => p.Ipv4Prefix).Order());
    }

    [Fact]
    public async Task AssignPrefix_FragmentedSubnet_InsufficientCidrBlocksWhileAddressesRemain()
    {
        var eni = await CreateEniAsync("10.0.65.0/26");
        // One address inside each of the two aligned free /28s.
        var used = new[] { "10.0.65.20", "10.0.65.40" }.Where(a => a != eni.PrivateIpAddress).ToList();
        await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.NetworkInterfaceId, PrivateIpAddresses = used });

        var e = await FailsAsync(() => Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, Ipv4PrefixCount = 1,
        }));

        Assert.Equal("InsufficientCidrBlocks", e.ErrorCode);
        var free = Emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.65.0/26").AvailableIpAddressCount;
        Assert.True(free >= 16, $"the subnet still has {free} free addresses, only fragmented");
    }

    [Fact]
    public async Task AssignPrefix_SlashTwentySevenSubnet_InsufficientCidrBlocks()
    {
        // Both /28s of a /27 hold reserved addresses, so EC2 can never delegate a prefix there.
        var eni = await CreateEniAsync("10.0.64.0/27");

        var e = await FailsAsync(() => Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, Ipv4PrefixCount = 1,
        }));

        Assert.Equal("InsufficientCidrBlocks", e.ErrorCode);
    }

    [Fact]
    public async Task AssignPrivateIpAddresses_SubnetExhausted_InsufficientFreeAddressesAndNothingTaken()
    {
        // 10.0.64.0/27: 27 usable addresses. Two ENIs with 10 each, a third with 1 leaves 6.
        await CreateEniAsync("10.0.64.0/27", secondaryCount: 9);
        await CreateEniAsync("10.0.64.0/27", secondaryCount: 9);
        var third = await CreateEniAsync("10.0.64.0/27");

        var e = await FailsAsync(() => Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = third.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 7,
        }));

        Assert.Equal("InsufficientFreeAddressesInSubnet", e.ErrorCode);
        Assert.Equal(6, Emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.64.0/27").AvailableIpAddressCount);
    }

    [Fact]
    public async Task AssignPrivateIpAddresses_NamedAddressInUse_InvalidIPAddressInUse()
    {
        var first = await CreateEniAsync("10.0.65.0/26");
        var second = await CreateEniAsync("10.0.65.0/26");

        var e = await FailsAsync(() => Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = second.NetworkInterfaceId, PrivateIpAddresses = [first.PrivateIpAddress],
        }));

        Assert.Equal("InvalidIPAddress.InUse", e.ErrorCode);
    }

    [Fact]
    public async Task UnassignPrivateIpAddresses_AddressAndPrefix_ReturnedToSubnet()
    {
        var eni = await CreateEniAsync();
        var ips = await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.NetworkInterfaceId, SecondaryPrivateIpAddressCount = 2 });
        var prefixes = await Ec2.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest { NetworkInterfaceId = eni.NetworkInterfaceId, Ipv4PrefixCount = 1 });
        var freeBefore = Emulator.State.Snapshot().Subnets.Single(s => s.CidrBlock == "10.0.32.0/19").AvailableIpAddressCount;

        await Ec2.UnassignPrivateIpAddressesAsync(new UnassignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId,
            PrivateIpAddresses = [ips.AssignedPrivateIpAddresses[0].PrivateIpAddress],
            Ipv4Prefixes = [prefixes.AssignedIpv4Prefixes[0].Ipv4Prefix],
        });

        var state = Emulator.State.Snapshot();
        var after = state.NetworkInterfaces.Single(n => n.NetworkInterfaceId == eni.NetworkInterfaceId);
        Assert.Equal([ips.AssignedPrivateIpAddresses[1].PrivateIpAddress], after.SecondaryPrivateIpAddresses);
        Assert.Empty(after.Ipv4Prefixes);
        Assert.Equal(freeBefore + 17, state.Subnets.Single(s => s.CidrBlock == "10.0.32.0/19").AvailableIpAddressCount);
    }

    [Fact]
    public async Task UnassignPrivateIpAddresses_NotOnEni_InvalidParameterValue()
    {
        var eni = await CreateEniAsync();

        var e = await FailsAsync(() => Ec2.UnassignPrivateIpAddressesAsync(new UnassignPrivateIpAddressesRequest
        {
            NetworkInterfaceId = eni.NetworkInterfaceId, PrivateIpAddresses = ["10.0.40.1"],
        }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
    }
}
