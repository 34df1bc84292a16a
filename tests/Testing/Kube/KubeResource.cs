namespace Cloudnet.Testing.Kube;

/// <summary>A cluster-scoped resource the fake serves, e.g. <c>/apis/cloudnet.io/v1/ipamblocks</c>.</summary>
/// <param name="Path">Collection path without the leading slash: "api/v1/nodes".</param>
/// <param name="ApiVersion">"v1" or "group/version".</param>
/// <param name="Kind">Object kind, e.g. "Node".</param>
/// <param name="Plural">Plural name, e.g. "nodes"; with the group it names the resource in error messages.</param>
public sealed record KubeResource(string Path, string ApiVersion, string Kind, string Plural)
{
    /// <summary>Core Nodes.</summary>
    public static KubeResource Nodes { get; } = new("api/v1/nodes", "v1", "Node", "nodes");

    /// <summary>cloudnet.io/v1 IPAMBlocks (deploy/crds/ipamblocks.yaml).</summary>
    public static KubeResource IpamBlocks { get; } = new("apis/cloudnet.io/v1/ipamblocks", "cloudnet.io/v1", "IPAMBlock", "ipamblocks");

    /// <summary>"plural.group" as the API server writes it in messages.</summary>
    public string QualifiedName => ApiVersion.Contains('/', StringComparison.Ordinal) ? $"{Plural}.{ApiVersion.Split('/')[0]}" : Plural;
}
