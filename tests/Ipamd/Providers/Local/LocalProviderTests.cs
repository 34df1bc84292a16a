using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Providers.Local;
using Cloudnet.Ipamd.Tests.Support;

namespace Cloudnet.Ipamd.Tests.Providers.Local;

public sealed class LocalProviderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private LocalProvider Create(params string[] cidrs) => new([.. cidrs.Select(Cidr.Parse)], _dir.Path);

    [Fact]
    public async Task Describe_Fresh_PrimaryAttachedEmptyWithLimitsFromTheCidrs()
    {
        using var provider = Create("10.0.0.0/24", "10.0.1.0/28");

        var node = await provider.DescribeAsync(CancellationToken.None);

        var primary = Assert.Single(node.Interfaces);
        Assert.Equal("local-0", primary.Id);
        Assert.True(primary.IsPrimary);
        Assert.Equal(RouteTables.Main, primary.RouteTable);
        Assert.Null(primary.Gateway);
        Assert.Empty(primary.Addresses);
        Assert.Equal(2, node.Limits.MaxInterfaces);
        Assert.Equal(254, node.Limits.AddressesPerInterface);
        Assert.Equal(0, node.Limits.PrefixesPerInterface);
        Assert.Equal(["10.0.0.0/24", "10.0.1.0/28"], node.VpcCidrs.Select(c => c.ToString()));
    }

    [Fact]
    public async Task AssignAddresses_IPv4_SkipsNetworkAndBroadcastAndStopsAtTheEnd()
    {
        using var provider = Create("10.0.0.0/29");

        var first = await provider.AssignAddressesAsync("local-0", 2, CancellationToken.None);
        var rest = await provider.AssignAddressesAsync("local-0", 100, CancellationToken.None);

        Assert.Equal(["10.0.0.1", "10.0.0.2"], first.Select(a => a.ToString()));
        Assert.Equal(["10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"], rest.Select(a => a.ToString()));
    }

    [Fact]
    public async Task AssignAddresses_LargeCidr_CappedPerInterface()
    {
        using var provider = Create("10.0.0.0/16");

        var node = await provider.DescribeAsync(CancellationToken.None);
        var assigned = await provider.AssignAddressesAsync("local-0", 100_000, CancellationToken.None);

        Assert.Equal(256, node.Limits.AddressesPerInterface);
        Assert.Equal(256, assigned.Count);
    }

    [Fact]
    public async Task AssignAddresses_IPv6_SkipsOnlyTheSubnetRouterAnycast()
    {
        using var provider = Create("fd00::/126");

        var assigned = await provider.AssignAddressesAsync("local-0", 10, CancellationToken.None);

        Assert.Equal(["fd00::1", "fd00::2", "fd00::3"], assigned.Select(a => a.ToString()));
    }

    [Fact]
    public async Task ReleaseAddresses_ThenAssign_ReusesTheReleasedAddress()
    {
        using var provider = Create("10.0.0.0/29");
        await provider.AssignAddressesAsync("local-0", 6, CancellationToken.None);

        await provider.ReleaseAddressesAsync("local-0", [IPAddress.Parse("10.0.0.3")], CancellationToken.None);
        var again = await provider.AssignAddressesAsync("local-0", 6, CancellationToken.None);

        Assert.Equal([IPAddress.Parse("10.0.0.3")], again);
    }

    [Fact]
    public async Task CreateInterface_AttachesCidrsInOrderThenReportsCapacity()
    {
        using var provider = Create("10.0.0.0/24", "10.0.1.0/24");

        var created = await provider.CreateInterfaceAsync(CancellationToken.None);
        var ex = await Assert.ThrowsAsync<CloudProviderException>(() => provider.CreateInterfaceAsync(CancellationToken.None));

        Assert.Equal("local-1", created.Id);
        Assert.Equal(1, created.DeviceIndex);
        Assert.Equal(RouteTables.Main, created.RouteTable);
        Assert.Equal(CloudErrorKind.Capacity, ex.Kind);
        Assert.Contains("CLOUDNET_POOL_CIDRS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteInterface_PrimaryRefusedSecondaryDetached()
    {
        using var provider = Create("10.0.0.0/24", "10.0.1.0/24");
        await provider.CreateInterfaceAsync(CancellationToken.None);

        await Assert.ThrowsAsync<CloudProviderException>(() => provider.DeleteInterfaceAsync("local-0", CancellationToken.None));
        await provider.DeleteInterfaceAsync("local-1", CancellationToken.None);
        var unknown = await Assert.ThrowsAsync<CloudProviderException>(() => provider.AssignAddressesAsync("local-1", 1, CancellationToken.None));

        Assert.Equal(CloudErrorKind.NotFound, unknown.Kind);
        Assert.Single((await provider.DescribeAsync(CancellationToken.None)).Interfaces);
    }

    [Fact]
    public async Task NewInstance_SameStateDir_RemembersInterfacesAndAddresses()
    {
        using (var provider = Create("10.0.0.0/24", "10.0.1.0/24"))
        {
            await provider.CreateInterfaceAsync(CancellationToken.None);
            await provider.AssignAddressesAsync("local-1", 3, CancellationToken.None);
        }

        using var restarted = Create("10.0.0.0/24", "10.0.1.0/24");
        var node = await restarted.DescribeAsync(CancellationToken.None);

        Assert.Equal(["local-0", "local-1"], node.Interfaces.Select(i => i.Id));
        Assert.Equal(3, node.Interfaces[1].Addresses.Length);
    }

    [Fact]
    public async Task NewInstance_PoolChanged_ForgetsInterfacesOfRemovedCidrs()
    {
        using (var provider = Create("10.0.0.0/24"))
        {
            await provider.AssignAddressesAsync("local-0", 3, CancellationToken.None);
        }

        using var restarted = Create("10.5.0.0/24");
        var node = await restarted.DescribeAsync(CancellationToken.None);

        Assert.Empty(Assert.Single(node.Interfaces).Addresses);
    }
}
