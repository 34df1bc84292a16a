using System.Text.Json.Serialization;

namespace Cloudnet.Cni.Protocol;

/// <summary>
/// Source-generated (de)serialisation for everything read from stdin; NativeAOT has no
/// reflection-based JSON. Names match case-insensitively, as Go's encoding/json does for the
/// reference plugins, so configurations that work there work here.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(NetConfDocument))]
[JsonSerializable(typeof(VersionRequestDocument))]
internal sealed partial class CniJsonContext : JsonSerializerContext
{
}
