namespace Cloudnet.Emulator.State;

/// <summary>The parameters of AssignPrivateIpAddresses.</summary>
/// <param name="PrivateIpAddresses">PrivateIpAddress.N.</param>
/// <param name="SecondaryPrivateIpAddressCount">SecondaryPrivateIpAddressCount.</param>
/// <param name="Ipv4Prefixes">Ipv4Prefix.N ("10.0.1.16/28").</param>
/// <param name="Ipv4PrefixCount">Ipv4PrefixCount.</param>
public sealed record AssignRequest(
    IReadOnlyList<string> PrivateIpAddresses,
    int SecondaryPrivateIpAddressCount,
    IReadOnlyList<string> Ipv4Prefixes,
    int Ipv4PrefixCount);
