namespace Cloudnet.Emulator.State;

/// <summary>What AssignPrivateIpAddresses assigned.</summary>
/// <param name="NetworkInterfaceId">The ENI.</param>
/// <param name="PrivateIpAddresses">The new secondary addresses.</param>
/// <param name="Ipv4Prefixes">The new prefixes.</param>
public sealed record AssignResult(string NetworkInterfaceId, IReadOnlyList<string> PrivateIpAddresses, IReadOnlyList<string> Ipv4Prefixes);
