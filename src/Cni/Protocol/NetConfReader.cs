using System.Globalization;
using System.Text.Json;

namespace Cloudnet.Cni.Protocol;

/// <summary>
/// Reads the documents on stdin with <see cref="JsonDocument"/>. JsonSerializer, even
/// source-generated, configures its type metadata on first use (property tables, attribute scans
/// for polymorphism), which perf showed as ~10 % of the CPU of every run of the binary; this is
/// one walk over the object. Semantics follow JsonSerializer with the options the binary used:
/// names match case-insensitively (as Go's encoding/json does for the reference plugins), unknown
/// keys are ignored, a repeated key's last value wins, null leaves a field unset, a value of the
/// wrong type, comments and trailing commas are <see cref="JsonException"/>s.
/// </summary>
internal static class NetConfReader
{
    /// <summary>The network configuration; null for a JSON null.</summary>
    /// <exception cref="JsonException">Not JSON, not an object, or a field of the wrong type.</exception>
    public static NetConfDocument? ReadNetConf(ReadOnlySpan<byte> utf8)
    {
        using var document = Parse(utf8);
        if (!IsObject(document.RootElement, "$"))
        {
            return null;
        }

        var doc = new NetConfDocument();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name.ToUpperInvariant())
            {
                case "CNIVERSION": doc.CniVersion = String(v, property.Name); break;
                case "NAME": doc.Name = String(v, property.Name); break;
                case "TYPE": doc.Type = String(v, property.Name); break;
                case "SOCKETPATH": doc.SocketPath = String(v, property.Name); break;
                case "MTU": doc.Mtu = v.ValueKind == JsonValueKind.Null ? null : Int32(v, property.Name); break;
                case "VETHPREFIX": doc.VethPrefix = String(v, property.Name); break;
                case "LOGFILE": doc.LogFile = String(v, property.Name); break;
                case "LOGLEVEL": doc.LogLevel = String(v, property.Name); break;
                case "TIMEOUTSECONDS": doc.TimeoutSeconds = v.ValueKind == JsonValueKind.Null ? null : Double(v, property.Name); break;
                case "STATEDIR": doc.StateDir = String(v, property.Name); break;
                case "IPAM": doc.Ipam = v.Clone(); break;
                case "IPMASQ": doc.IPMasq = v.ValueKind == JsonValueKind.Null ? null : Boolean(v, property.Name); break;
                case "DNS": doc.Dns = Dns(v, property.Name); break;
                case "PREVRESULT": doc.PrevResult = v.Clone(); break;
                case "CNI.DEV/VALID-ATTACHMENTS": doc.ValidAttachments = ValidAttachments(v, property.Name); break;
                default: break;
            }
        }

        return doc;
    }

    /// <summary>The cniVersion of a VERSION request (or of any document); null when absent or null.</summary>
    /// <exception cref="JsonException">Not JSON, not an object, or a cniVersion that is not a string.</exception>
    public static string? ReadCniVersion(ReadOnlySpan<byte> utf8)
    {
        using var document = Parse(utf8);
        if (!IsObject(document.RootElement, "$"))
        {
            return null;
        }

        string? version = null;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name.Equals("cniVersion", StringComparison.OrdinalIgnoreCase))
            {
                version = String(property.Value, property.Name);
            }
        }

        return version;
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8)
    {
        // JsonDocument takes memory, not a span: one copy of a few hundred bytes.
        return JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
    }

    private static bool IsObject(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.Object => true,
        JsonValueKind.Null => false,
        _ => throw Mismatch(path, "an object", e),
    };

    private static string? String(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null => null,
        _ => throw Mismatch(path, "a string", e),
    };

    private static int Int32(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var value) ? value : throw Mismatch(path, "a 32-bit integer", e);

    private static double Double(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var value) ? value : throw Mismatch(path, "a number", e);

    private static bool Boolean(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Mismatch(path, "true or false", e),
    };

    private static List<string>? Strings(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Mismatch(path, "an array of strings", e);
        }

        var list = new List<string>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray())
        {
            // JsonSerializer keeps null items of a List<string>; so do we.
            list.Add(String(item, path + "[]")!);
        }

        return list;
    }

    private static DnsDocument? Dns(JsonElement e, string path)
    {
        if (!IsObject(e, path))
        {
            return null;
        }

        var dns = new DnsDocument();
        foreach (var property in e.EnumerateObject())
        {
            var inner = path + "." + property.Name;
            switch (property.Name.ToUpperInvariant())
            {
                case "NAMESERVERS": dns.Nameservers = Strings(property.Value, inner); break;
                case "DOMAIN": dns.Domain = String(property.Value, inner); break;
                case "SEARCH": dns.Search = Strings(property.Value, inner); break;
                case "OPTIONS": dns.Options = Strings(property.Value, inner); break;
                default: break;
            }
        }

        return dns;
    }

    private static List<ValidAttachmentDocument>? ValidAttachments(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Mismatch(path, "an array of objects", e);
        }

        var list = new List<ValidAttachmentDocument>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray())
        {
            if (!IsObject(item, path + "[]"))
            {
                list.Add(new ValidAttachmentDocument());
                continue;
            }

            var attachment = new ValidAttachmentDocument();
            foreach (var property in item.EnumerateObject())
            {
                if (property.Name.Equals("containerID", StringComparison.OrdinalIgnoreCase))
                {
                    attachment.ContainerId = String(property.Value, path + "[].containerID");
                }
                else if (property.Name.Equals("ifname", StringComparison.OrdinalIgnoreCase))
                {
                    attachment.IfName = String(property.Value, path + "[].ifname");
                }
            }

            list.Add(attachment);
        }

        return list;
    }

    private static JsonException Mismatch(string path, string expected, JsonElement actual) =>
        new(string.Format(CultureInfo.InvariantCulture, "The JSON value at '{0}' must be {1}, not {2}.", path, expected, actual.ValueKind.ToString().ToLowerInvariant()));
}
