namespace Cloudnet.Ctl.Introspection;

/// <summary>One interface of <see cref="PoolView"/>.</summary>
public sealed record PoolInterfaceView(string Id, string Kind, int DeviceIndex, bool IsPrimary, int Addresses, int Prefixes, int Assigned, int Cooling);
