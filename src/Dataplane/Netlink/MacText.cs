using System.Globalization;
using System.Net.NetworkInformation;

namespace Cloudnet.Dataplane.Netlink;

/// <summary>Hardware addresses as Linux tools print them: "02:00:5e:10:00:01".</summary>
public static class MacText
{
    /// <summary>Lowercase, colon-separated; "none" for null.</summary>
    public static string Format(PhysicalAddress? mac) =>
        mac is null
            ? "none"
            : string.Join(':', mac.GetAddressBytes().Select(part => part.ToString("x2", CultureInfo.InvariantCulture)));
}
