namespace Cloudnet.Ipamd.Introspection;

/// <summary>GET /v1/interfaces: the provider's view of one interface.</summary>
public sealed record InterfaceView(
    string Id,
    string Kind,
    int DeviceIndex,
    bool IsPrimary,
    string? MacAddress,
    string? PrimaryAddress,
    string? Subnet,
    string? Gateway,
    int RouteTable,
    bool ExcludedFromPods,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<string> Prefixes);
