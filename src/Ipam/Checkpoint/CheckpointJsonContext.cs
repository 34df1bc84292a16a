using System.Text.Json.Serialization;

namespace Cloudnet.Ipam.Checkpoint;

/// <summary>Source-generated JSON for the checkpoint (the CNI binary is NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CheckpointData))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
