using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Cloudnet.Providers.BareMetal.Kubernetes;

/// <summary>
/// An <c>IPAMBlock</c> (cloudnet.io/v1, cluster-scoped, deploy/crds/ipamblocks.yaml): one per claimed
/// block, named <see cref="Blocks.BlockNames.Of"/> of its CIDR so that creating it is the claim.
/// </summary>
public sealed class IpamBlockResource : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>API group.</summary>
    public const string Group = "cloudnet.io";

    /// <summary>API version.</summary>
    public const string Version = "v1";

    /// <summary>Resource plural.</summary>
    public const string Plural = "ipamblocks";

    /// <summary>Object kind.</summary>
    public const string ObjectKind = "IPAMBlock";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ObjectKind;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What the block is and who holds it.</summary>
    [JsonPropertyName("spec")]
    public IpamBlockSpec Spec { get; set; } = new();
}

/// <summary>The spec of an <see cref="IpamBlockResource"/>.</summary>
public sealed class IpamBlockSpec
{
    /// <summary>The block, e.g. "10.244.0.64/26".</summary>
    [JsonPropertyName("cidr")]
    public string Cidr { get; set; } = "";

    /// <summary>The owner node's name.</summary>
    [JsonPropertyName("node")]
    public string Node { get; set; } = "";
}

/// <summary>A list of <see cref="IpamBlockResource"/>.</summary>
public sealed class IpamBlockList : IKubernetesObject<V1ListMeta>, IItems<IpamBlockResource>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = IpamBlockResource.Group + "/" + IpamBlockResource.Version;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = IpamBlockResource.ObjectKind + "List";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("items")]
    public IList<IpamBlockResource> Items { get; set; } = [];
}
