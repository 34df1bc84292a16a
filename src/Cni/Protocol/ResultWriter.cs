using System.Text;
using System.Text.Json;

namespace Cloudnet.Cni.Protocol;

/// <summary>
/// Renders results, errors and VERSION output as the requested spec version defines them.
/// Uses <see cref="Utf8JsonWriter"/> directly: the field set differs per version, and NativeAOT
/// rules out reflection.
/// </summary>
public static class ResultWriter
{
    /// <summary>An ADD success result. 0.4.0 adds <c>ips[].version</c>; 1.1.0 adds interface MTU and route table/scope/priority.</summary>
    public static string Result(CniResult result, string version)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(w =>
        {
            w.WriteString("cniVersion", version);
            var v110 = version == CniVersions.V110;
            w.WriteStartArray("interfaces");
            foreach (var i in result.Interfaces)
            {
                w.WriteStartObject();
                w.WriteString("name", i.Name);
                WriteIf(w, "mac", i.Mac);
                if (v110 && i.Mtu is { } mtu)
                {
                    w.WriteNumber("mtu", mtu);
                }

                WriteIf(w, "sandbox", i.Sandbox);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("ips");
            foreach (var ip in result.IPs)
            {
                w.WriteStartObject();
                if (CniVersions.HasIPVersionField(version))
                {
                    w.WriteString("version", ip.Version);
                }

                w.WriteString("address", ip.AddressText);
                WriteIf(w, "gateway", ip.Gateway?.ToString());
                if (ip.Interface is { } index)
                {
                    w.WriteNumber("interface", index);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteRoutes(w, result.Routes, v110);
            WriteDns(w, result.Dns);
        });
    }

    /// <summary>An error result (spec section 5, "Error").</summary>
    public static string Error(string version, int code, string message, string? details) => Write(w =>
    {
        w.WriteString("cniVersion", version);
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        WriteIf(w, "details", details);
    });

    /// <summary>VERSION output: the input's version and every supported one.</summary>
    public static string Version(string version) => Write(w =>
    {
        w.WriteString("cniVersion", version);
        w.WriteStartArray("supportedVersions");
        foreach (var v in CniVersions.Supported)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    });

    private static void WriteRoutes(Utf8JsonWriter w, IReadOnlyList<CniRoute> routes, bool v110)
    {
        if (routes.Count == 0)
        {
            return;
        }

        w.WriteStartArray("routes");
        foreach (var r in routes)
        {
            w.WriteStartObject();
            w.WriteString("dst", r.Destination.ToString());
            WriteIf(w, "gw", r.Gateway?.ToString());
            if (v110)
            {
                WriteIf(w, "priority", r.Priority);
                WriteIf(w, "table", r.Table);
                WriteIf(w, "scope", r.Scope);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteDns(Utf8JsonWriter w, DnsDocument? dns)
    {
        if (dns is null || dns.IsEmpty)
        {
            return;
        }

        w.WriteStartObject("dns");
        WriteList(w, "nameservers", dns.Nameservers);
        WriteIf(w, "domain", dns.Domain);
        WriteList(w, "search", dns.Search);
        WriteList(w, "options", dns.Options);
        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, string name, List<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteIf(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteIf(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    // Minimal escaping keeps quotes and '+' readable in messages; the output is never embedded in HTML.
    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = MinimalJsonEncoder.Instance }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
