using System.Globalization;
using System.Text;

namespace Cloudnet.Cni.Network;

/// <summary>
/// Names the host end of a pod's veth: the configured prefix plus a hex hash of the attachment
/// key, 15 bytes in all (IFNAMSIZ - 1). Derived from the key, not the netns, so DEL finds the link
/// even when the runtime no longer passes CNI_NETNS or a prevResult.
/// </summary>
public static class HostVethName
{
    /// <summary>Longest Linux interface name.</summary>
    public const int MaxLength = 15;

    /// <summary>The host veth name of (network, container id, ifname).</summary>
    public static string For(string prefix, string networkName, string containerId, string ifName)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix.Length, MaxLength - 8);
        // 64-bit FNV-1a, not SHA-256: System.Security.Cryptography would make the NativeAOT binary
        // load OpenSSL on every invocation. Names need spread, not secrecy.
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{networkName}\0{containerId}\0{ifName}"))
        {
            hash = (hash ^ b) * 0x100000001b3UL;
        }

        var hex = hash.ToString("x16", CultureInfo.InvariantCulture);
        return string.Concat(prefix, hex.AsSpan(0, MaxLength - prefix.Length));
    }
}
