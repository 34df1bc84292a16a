using System.Text.Json.Serialization;

namespace Cloudnet.Ipamd.Providers.Local;

/// <summary>Source-generated JSON for the local provider's state file: no reflection-built metadata at start.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalPoolState))]
internal sealed partial class LocalPoolJsonContext : JsonSerializerContext;
