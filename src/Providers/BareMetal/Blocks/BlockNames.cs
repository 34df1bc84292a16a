using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.BareMetal.Blocks;

/// <summary>
/// The name of a block: its pool interface id and the name of its IPAMBlock object. A Kubernetes
/// object name must be a DNS subdomain (lowercase alphanumerics and '-', starting and ending with
/// an alphanumeric), so "10.244.0.64/26" becomes "10-244-0-64-26" and IPv6 blocks are written with
/// all eight groups ("fd00::40/122" becomes "fd00-0-0-0-0-0-0-40-122"): no "::" to mangle, and the
/// two families can never produce the same name (5 parts against 9).
/// </summary>
public static class BlockNames
{
    /// <summary>The name of <paramref name="block"/>.</summary>
    public static string Of(Cidr block)
    {
        var builder = new StringBuilder();
        if (block.Family == AddressFamily.InterNetwork)
        {
            builder.Append(block.Network.ToString().Replace('.', '-'));
        }
        else
        {
            Span<byte> bytes = stackalloc byte[16];
            block.Network.TryWriteBytes(bytes, out _);
            for (var i = 0; i < 16; i += 2)
            {
                var group = (bytes[i] << 8) | bytes[i + 1];
                builder.Append(group.ToString("x", CultureInfo.InvariantCulture)).Append('-');
            }

            builder.Length--;
        }

        return builder.Append('-').Append(block.PrefixLength.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>Parses a name made by <see cref="Of"/>; false for anything else.</summary>
    public static bool TryParse(string name, out Cidr block)
    {
        block = default;
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('-');
        if (parts.Length is not (5 or 9) || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        var separator = parts.Length == 5 ? "." : ":";
        if (!IPAddress.TryParse(string.Join(separator, parts[..^1]), out var address)
            || !Cidr.TryParse($"{address}/{prefix.ToString(CultureInfo.InvariantCulture)}", out block))
        {
            return false;
        }

        return Of(block) == name;
    }
}
