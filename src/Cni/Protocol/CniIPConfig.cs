using System.Net;
using System.Net.Sockets;

namespace Cloudnet.Cni.Protocol;

/// <summary>An entry of a result's <c>ips</c>: an address with its prefix length, unlike a normalised network.</summary>
/// <param name="Address">The interface address.</param>
/// <param name="PrefixLength">Prefix length (32 / 128 for cloudnet pods).</param>
/// <param name="Gateway">The gateway, or null.</param>
/// <param name="Interface">Index into the result's interfaces, or null.</param>
public sealed record CniIPConfig(IPAddress Address, int PrefixLength, IPAddress? Gateway, int? Interface)
{
    /// <summary>"4" or "6", for the 0.4.0 <c>version</c> field.</summary>
    public string Version => Address.AddressFamily == AddressFamily.InterNetworkV6 ? "6" : "4";

    /// <summary>CIDR notation with the host bits kept, e.g. "10.0.1.17/32".</summary>
    public string AddressText => $"{Address}/{PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
