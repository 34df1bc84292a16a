using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Xunit;
using Xunit.Abstractions;

namespace Cloudnet.Testing.Contracts;

/// <summary>
/// The behaviour every <see cref="ICloudProvider"/> owes the daemon, run against each backend (the
/// fake provider, EC2 over the emulator, real LocalStack). A derived class supplies a fresh node per
/// test and names the features its backend lacks; those tests print the reason and return.
/// </summary>
public abstract class CloudProviderContractTests : IAsyncLifetime
{
    /// <summary>A well-formed id that no backend has.</summary>
    protected const string UnknownInterfaceId = "eni-0000000000000dead";

    private ICloudProvider? _provider;

    /// <summary>Stores the output for skip reasons.</summary>
    protected CloudProviderContractTests(ITestOutputHelper output) => Output = output;

    /// <summary>Test output.</summary>
    protected ITestOutputHelper Output { get; }

    /// <summary>The provider under test (a fresh node with only its primary interface).</summary>
    protected ICloudProvider Provider => _provider ?? throw new InvalidOperationException("not initialised");

    /// <summary>Generous bound for one test's cloud calls.</summary>
    protected static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (BackendUnavailable is null)
        {
            _provider = await CreateProviderAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (BackendUnavailable is null)
        {
            await DisposeProviderAsync().ConfigureAwait(false);
        }
    }

    [Fact]
    public async Task DescribeAsync_FreshNode_ListsPrimaryFirstWithLimits()
    {
        if (BackendMissing())
        {
            return;
        }

        var node = await Provider.DescribeAsync(Timeout);

        Assert.False(string.IsNullOrEmpty(node.NodeId));
        Assert.NotEmpty(node.Interfaces);
        Assert.True(node.Interfaces[0].IsPrimary);
        Assert.Single(node.Interfaces, i => i.IsPrimary);
        Assert.True(node.Limits.MaxInterfaces >= 1);
        Assert.True(node.Limits.AddressesPerInterface >= 1);
    }

    [Fact]
    public async Task CreateInterfaceAsync_FreshNode_AttachesAtAFreeDeviceIndexShownByDescribe()
    {
        if (BackendMissing())
        {
            return;
        }

        var before = await Provider.DescribeAsync(Timeout);
        if (before.Limits.MaxInterfaces < 2)
        {
            Output.WriteLine("skipped: the node can hold only its primary interface");
            return;
        }

        var created = await Provider.CreateInterfaceAsync(Timeout);

        Assert.False(created.IsPrimary);
        Assert.DoesNotContain(before.Interfaces, i => i.DeviceIndex == created.DeviceIndex || i.Id == created.Id);
        var after = await Provider.DescribeAsync(Timeout);
        var listed = Assert.Single(after.Interfaces, i => i.Id == created.Id);
        Assert.Equal(created.DeviceIndex, listed.DeviceIndex);
        Assert.Equal(created.RouteTable, listed.RouteTable);
    }

    [Fact]
    public async Task CreateInterfaceAsync_WithAddresses_ReturnsThemAndDescribeShowsThem()
    {
        if (BackendMissing())
        {
            return;
        }

        var before = await Provider.DescribeAsync(Timeout);
        if (before.Interfaces.Length >= before.Limits.MaxInterfaces)
        {
            Output.WriteLine("skipped: the node has no room for another interface");
            return;
        }

        var count = Math.Min(3, before.Limits.AddressesPerInterface);
        var created = await Provider.CreateInterfaceAsync(new InterfaceFill(Addresses: count), Timeout);

        Assert.True(created.Addresses.Length >= count, $"created with {created.Addresses.Length} addresses, asked for {count}");
        var listed = Assert.Single((await Provider.DescribeAsync(Timeout)).Interfaces, i => i.Id == created.Id);
        Assert.Equal(created.Addresses.ToHashSet(), listed.Addresses.ToHashSet());
        Assert.DoesNotContain(before.Interfaces.SelectMany(i => i.Addresses), created.Addresses.Contains);
    }

    [Fact]
    public async Task AssignAddressesAsync_Interface_DescribeShowsUniqueAddressesInItsSubnet()
    {
        if (BackendMissing())
        {
            return;
        }

        var target = await PodInterfaceAsync();

        var assigned = await Provider.AssignAddressesAsync(target.Id, 3, Timeout);

        Assert.Equal(3, assigned.Count);
        Assert.Equal(3, assigned.Distinct().Count());
        var listed = await InterfaceAsync(target.Id);
        Assert.Superset(assigned.ToHashSet(), listed.Addresses.ToHashSet());
        Assert.DoesNotContain(listed.PrimaryAddress, assigned);
        if (listed.Subnet is { } subnet)
        {
            Assert.All(assigned, a => Assert.True(subnet.Contains(a), $"{a} outside {subnet}"));
        }
    }

    [Fact]
    public async Task ReleaseAddressesAsync_AssignedAddresses_DescribeNoLongerShowsThem()
    {
        if (BackendMissing())
        {
            return;
        }

        var target = await PodInterfaceAsync();
        var assigned = await Provider.AssignAddressesAsync(target.Id, 2, Timeout);

        await Provider.ReleaseAddressesAsync(target.Id, [assigned[0]], Timeout);

        var listed = await InterfaceAsync(target.Id);
        Assert.DoesNotContain(assigned[0], listed.Addresses);
        Assert.Contains(assigned[1], listed.Addresses);
    }

    [Fact]
    public async Task AssignAddressesAsync_TwoInterfaces_NoAddressGivenTwice()
    {
        if (BackendMissing())
        {
            return;
        }

        var first = await PodInterfaceAsync();
        var node = await Provider.DescribeAsync(Timeout);
        if (node.Interfaces.Length >= node.Limits.MaxInterfaces)
        {
            Output.WriteLine("skipped: no room for a second interface");
            return;
        }

        var second = await Provider.CreateInterfaceAsync(Timeout);
        var a = await Provider.AssignAddressesAsync(first.Id, 4, Timeout);
        var b = await Provider.AssignAddressesAsync(second.Id, 4, Timeout);

        var all = (await Provider.DescribeAsync(Timeout)).Interfaces
            .SelectMany(i => i.Addresses.Append(i.PrimaryAddress).OfType<IPAddress>())
            .ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public async Task AssignAddressesAsync_BeyondPerInterfaceLimit_ThrowsCapacity()
    {
        if (BackendMissing())
        {
            return;
        }

        if (Skip(ContractFeature.AddressLimits))
        {
            return;
        }

        var target = await PodInterfaceAsync();
        var node = await Provider.DescribeAsync(Timeout);
        var room = node.Limits.AddressesPerInterface - (await InterfaceAsync(target.Id)).Addresses.Length;
        if (room > 0)
        {
            Assert.Equal(room, (await Provider.AssignAddressesAsync(target.Id, room, Timeout)).Count);
        }

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => Provider.AssignAddressesAsync(target.Id, 1, Timeout));

        Assert.Equal(CloudErrorKind.Capacity, error.Kind);
    }

    [Fact]
    public async Task CreateInterfaceAsync_AtInterfaceLimit_ThrowsCapacity()
    {
        if (BackendMissing())
        {
            return;
        }

        if (Skip(ContractFeature.InterfaceLimits))
        {
            return;
        }

        var node = await Provider.DescribeAsync(Timeout);
        for (var i = node.Interfaces.Length; i < node.Limits.MaxInterfaces; i++)
        {
            await Provider.CreateInterfaceAsync(Timeout);
        }

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => Provider.CreateInterfaceAsync(Timeout));

        Assert.Equal(CloudErrorKind.Capacity, error.Kind);
        Assert.Equal(node.Limits.MaxInterfaces, (await Provider.DescribeAsync(Timeout)).Interfaces.Length);
    }

    [Fact]
    public async Task AssignPrefixesAsync_Interface_ReturnsAlignedPrefixesShownByDescribe()
    {
        if (BackendMissing())
        {
            return;
        }

        var node = await Provider.DescribeAsync(Timeout);
        if (Skip(ContractFeature.Prefixes) || SkipWhen(node.Limits.PrefixesPerInterface == 0, "the node's limits allow no prefixes"))
        {
            return;
        }

        var target = await PodInterfaceAsync();
        var prefixes = await Provider.AssignPrefixesAsync(target.Id, 2, Timeout);

        Assert.Equal(2, prefixes.Count);
        Assert.All(prefixes, p => Assert.Equal((UInt128)node.Limits.AddressesPerPrefix, p.Size));
        Assert.Equal(2, prefixes.Distinct().Count());
        var listed = await InterfaceAsync(target.Id);
        Assert.Superset(prefixes.ToHashSet(), listed.Prefixes.ToHashSet());
        Assert.All(prefixes, p => Assert.DoesNotContain(listed.Addresses, p.Contains));
    }

    [Fact]
    public async Task ReleasePrefixesAsync_AssignedPrefix_DescribeNoLongerShowsIt()
    {
        if (BackendMissing())
        {
            return;
        }

        var node = await Provider.DescribeAsync(Timeout);
        if (Skip(ContractFeature.Prefixes) || SkipWhen(node.Limits.PrefixesPerInterface == 0, "the node's limits allow no prefixes"))
        {
            return;
        }

        var target = await PodInterfaceAsync();
        var prefixes = await Provider.AssignPrefixesAsync(target.Id, 1, Timeout);

        await Provider.ReleasePrefixesAsync(target.Id, prefixes, Timeout);

        Assert.DoesNotContain(prefixes[0], (await InterfaceAsync(target.Id)).Prefixes);
    }

    [Fact]
    public async Task AssignAddressesAsync_UnknownInterface_ThrowsNotFound()
    {
        if (BackendMissing())
        {
            return;
        }

        if (Skip(ContractFeature.NotFoundOnUnknownIds))
        {
            return;
        }

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => Provider.AssignAddressesAsync(UnknownInterfaceId, 1, Timeout));

        Assert.Equal(CloudErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task ReleaseAddressesAsync_UnknownInterface_ThrowsNotFound()
    {
        if (BackendMissing())
        {
            return;
        }

        if (Skip(ContractFeature.NotFoundOnUnknownIds))
        {
            return;
        }

        var error = await Assert.ThrowsAsync<CloudProviderException>(
            () => Provider.ReleaseAddressesAsync(UnknownInterfaceId, [IPAddress.Parse("10.0.0.250")], Timeout));

        Assert.Equal(CloudErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task DeleteInterfaceAsync_UnknownInterface_ThrowsNotFound()
    {
        if (BackendMissing())
        {
            return;
        }

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => Provider.DeleteInterfaceAsync(UnknownInterfaceId, Timeout));

        Assert.Equal(CloudErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task DeleteInterfaceAsync_SecondaryWithAddresses_DisappearsFromDescribe()
    {
        if (BackendMissing())
        {
            return;
        }

        var node = await Provider.DescribeAsync(Timeout);
        if (SkipWhen(node.Interfaces.Length >= node.Limits.MaxInterfaces, "no room for a secondary interface"))
        {
            return;
        }

        var created = await Provider.CreateInterfaceAsync(Timeout);
        await Provider.AssignAddressesAsync(created.Id, 2, Timeout);

        await Provider.DeleteInterfaceAsync(created.Id, Timeout);

        Assert.DoesNotContain((await Provider.DescribeAsync(Timeout)).Interfaces, i => i.Id == created.Id);
    }

    /// <summary>Creates the provider for one test: a node that has only its primary interface.</summary>
    protected abstract Task<ICloudProvider> CreateProviderAsync();

    /// <summary>Releases what <see cref="CreateProviderAsync"/> made.</summary>
    protected virtual Task DisposeProviderAsync() => Task.CompletedTask;

    /// <summary>Why the whole backend cannot be tested here (e.g. no LocalStack endpoint), or null.</summary>
    protected virtual string? BackendUnavailable => null;

    /// <summary>Why the backend lacks <paramref name="feature"/>, or null when it has it.</summary>
    protected virtual string? MissingFeature(ContractFeature feature) => null;

    /// <summary>An interface pods may use: a new secondary when there is room, else the primary.</summary>
    protected async Task<PoolInterface> PodInterfaceAsync()
    {
        var node = await Provider.DescribeAsync(Timeout);
        if (node.Interfaces.Length < node.Limits.MaxInterfaces)
        {
            return await Provider.CreateInterfaceAsync(Timeout);
        }

        return node.Interfaces.First(i => !i.ExcludedFromPods);
    }

    private async Task<PoolInterface> InterfaceAsync(string id) =>
        Assert.Single((await Provider.DescribeAsync(Timeout)).Interfaces, i => i.Id == id);

    private bool BackendMissing() => SkipWhen(BackendUnavailable is not null, BackendUnavailable!);

    private bool Skip(ContractFeature feature) => SkipWhen(MissingFeature(feature) is not null, MissingFeature(feature)!);

    private bool SkipWhen(bool condition, string reason)
    {
        if (condition)
        {
            Output.WriteLine($"skipped: {reason}");
        }

        return condition;
    }
}
