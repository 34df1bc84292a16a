using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;
using Microsoft.Extensions.Time.Testing;

namespace Cloudnet.Ipam.Tests.Pool;

/// <summary>Small builders shared by the datastore tests.</summary>
internal static class PoolFixtures
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static Datastore Store(FakeTimeProvider clock, int cooldownSeconds = 30) =>
        new(clock, TimeSpan.FromSeconds(cooldownSeconds));

    public static PoolInterface Nic(string id, string[]? addresses = null, string[]? prefixes = null, bool excluded = false, bool primary = false) =>
        new()
        {
            Id = id,
            Kind = InterfaceKind.Eni,
            IsPrimary = primary,
            Addresses = [.. (addresses ?? []).Select(IPAddress.Parse)],
            Prefixes = [.. (prefixes ?? []).Select(Cidr.Parse)],
            ExcludedFromPods = excluded,
        };

    public static AllocationKey Key(string container, string network = "net", string ifName = "eth0") =>
        new(network, container, ifName);

    public static IPAddress Ip(string text) => IPAddress.Parse(text);

    public static string[] Texts(IEnumerable<IPAddress> addresses) => [.. addresses.Select(a => a.ToString())];
}
