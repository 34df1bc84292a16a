using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Providers.BareMetal.Tests;

/// <summary>Settings and providers for tests.</summary>
internal static class TestSettings
{
    public static BareMetalSettings For(string node, string pool = "10.244.0.0/24", int maxBlocks = 16, TimeSpan? grace = null) => new()
    {
        NodeName = node,
        NodeAddress = IPAddress.Parse("192.0.2.10"),
        ClaimMode = BlockClaimMode.Kubernetes,
        Pool = new BlockPool([Cidr.Parse(pool)]),
        MaxBlocks = maxBlocks,
        ReleaseGracePeriod = grace ?? TimeSpan.FromMinutes(5),
    };

    public static BareMetalCloudProvider Provider(BareMetalSettings settings, IBlockStore store, TimeProvider? time = null, BareMetalMetrics? metrics = null) =>
        new(settings, store, time ?? new FakeTimeProvider(), NullLogger<BareMetalCloudProvider>.Instance, metrics ?? new BareMetalMetrics());
}
