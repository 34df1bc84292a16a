using System.Globalization;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Testing.Fakes;

/// <summary>One interface in the fake cloud.</summary>
internal sealed class FakeInterface(string id, int deviceIndex, IPAddress primaryAddress, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public int DeviceIndex { get; } = deviceIndex;

    public IPAddress PrimaryAddress { get; } = primaryAddress;

    public List<IPAddress> Addresses { get; } = [];

    public List<Cidr> Prefixes { get; } = [];

    public PoolInterface ToPoolInterface(Cidr subnet) => new()
    {
        Id = Id,
        Kind = InterfaceKind.Eni,
        DeviceIndex = DeviceIndex,
        IsPrimary = DeviceIndex == 0,
        MacAddress = string.Create(CultureInfo.InvariantCulture, $"02:fa:ce:00:00:{DeviceIndex:x2}"),
        PrimaryAddress = PrimaryAddress,
        Subnet = subnet,
        Gateway = subnet.AddressAt(1),
        RouteTable = RouteTables.ForDevice(DeviceIndex),
        Addresses = [.. Addresses],
        Prefixes = [.. Prefixes],
        CreatedAt = createdAt,
    };
}
