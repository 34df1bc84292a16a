using System.Text.Json.Serialization;

namespace Cloudnet.Cni.Protocol;

/// <summary>The spec's well-known DNS structure, as it appears in configurations and results.</summary>
public sealed class DnsDocument
{
    /// <summary>Nameserver addresses, in priority order.</summary>
    [JsonPropertyName("nameservers")] public List<string>? Nameservers { get; set; }

    /// <summary>Local domain.</summary>
    [JsonPropertyName("domain")] public string? Domain { get; set; }

    /// <summary>Search domains.</summary>
    [JsonPropertyName("search")] public List<string>? Search { get; set; }

    /// <summary>Resolver options.</summary>
    [JsonPropertyName("options")] public List<string>? Options { get; set; }

    /// <summary>True when no field is set.</summary>
    [JsonIgnore]
    public bool IsEmpty => (Nameservers is null or { Count: 0 }) && string.IsNullOrEmpty(Domain)
        && (Search is null or { Count: 0 }) && (Options is null or { Count: 0 });
}
