using System.Text.Json.Serialization;

namespace Cloudnet.Ipam.Spool;

/// <summary>Source-generated JSON for spool files (written by the NativeAOT CNI binary).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SpooledRelease))]
internal sealed partial class SpoolJsonContext : JsonSerializerContext;
