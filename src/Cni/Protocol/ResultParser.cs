using System.Globalization;
using System.Net;
using System.Text.Json;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Cni.Protocol;

/// <summary>
/// Reads a result of any supported version (a <c>prevResult</c>) from JSON. Walks the
/// <see cref="JsonElement"/> by hand: no reflection, and one code path for 0.4.0's extra
/// <c>version</c> field and 1.1.0's extra route fields.
/// </summary>
public static class ResultParser
{
    /// <summary>Parses a result object.</summary>
    /// <exception cref="FormatException">The element is not a valid result.</exception>
    public static CniResult Parse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a result must be a JSON object");
        }

        var interfaces = new List<CniInterface>();
        foreach (var i in Array(element, "interfaces"))
        {
            interfaces.Add(new CniInterface(
                String(i, "name") ?? throw new FormatException("interfaces[].name is missing"),
                String(i, "mac"), NonEmpty(String(i, "sandbox")), Int(i, "mtu")));
        }

        var ips = new List<CniIPConfig>();
        foreach (var ip in Array(element, "ips"))
        {
            var text = String(ip, "address") ?? throw new FormatException("ips[].address is missing");
            var (address, prefix) = ParseAddressWithPrefix(text);
            var gw = String(ip, "gateway") is { Length: > 0 } g ? ParseAddress(g, "ips[].gateway") : null;
            var index = Int(ip, "interface");
            if (index is { } n && (n < 0 || n >= interfaces.Count))
            {
                throw new FormatException($"ips[].interface {n} is outside interfaces (count {interfaces.Count})");
            }

            ips.Add(new CniIPConfig(address, prefix, gw, index));
        }

        var routes = new List<CniRoute>();
        foreach (var r in Array(element, "routes"))
        {
            var dst = String(r, "dst") ?? throw new FormatException("routes[].dst is missing");
            if (!Cidr.TryParse(dst, out var cidr))
            {
                throw new FormatException($"routes[].dst '{dst}' is not a CIDR");
            }

            var gw = String(r, "gw") is { Length: > 0 } g ? ParseAddress(g, "routes[].gw") : null;
            routes.Add(new CniRoute(cidr, gw, Int(r, "table"), Int(r, "scope"), Int(r, "priority")));
        }

        return new CniResult(interfaces, ips, routes, ParseDns(element));
    }

    /// <summary>Parses "10.0.1.17/32" keeping the host bits.</summary>
    public static (IPAddress Address, int PrefixLength) ParseAddressWithPrefix(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !Cidr.TryParse(text, out var cidr)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            throw new FormatException($"'{text}' is not an address in CIDR notation");
        }

        _ = cidr;
        return (IPAddress.Parse(text.AsSpan(0, slash)), prefix);
    }

    private static IPAddress ParseAddress(string text, string field) =>
        Cidr.TryParse(text, out var c) && !text.Contains('/', StringComparison.Ordinal)
            ? c.Network
            : throw new FormatException($"{field} '{text}' is not an IP address");

    private static DnsDocument? ParseDns(JsonElement element)
    {
        if (!element.TryGetProperty("dns", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var dns = new DnsDocument
        {
            Nameservers = Strings(d, "nameservers"),
            Domain = String(d, "domain"),
            Search = Strings(d, "search"),
            Options = Strings(d, "options"),
        };
        return dns.IsEmpty ? null : dns;
    }

    private static JsonElement[] Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? [.. a.EnumerateArray()]
            : [];

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    private static List<string>? Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return [.. a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)];
    }
}
