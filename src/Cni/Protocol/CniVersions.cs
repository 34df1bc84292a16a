namespace Cloudnet.Cni.Protocol;

/// <summary>The CNI specification versions this plugin speaks, and what each allows.</summary>
public static class CniVersions
{
    /// <summary>Spec 0.4.0: CHECK and prevResult on DEL; ips carry a "version" field.</summary>
    public const string V040 = "0.4.0";

    /// <summary>Spec 1.0.0: ips lose their "version" field.</summary>
    public const string V100 = "1.0.0";

    /// <summary>Spec 1.1.0: GC, STATUS, interface MTU and route table/scope in results.</summary>
    public const string V110 = "1.1.0";

    /// <summary>What VERSION reports, oldest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V040, V100, V110];

    /// <summary>The version used for output when the input names none we can use.</summary>
    public const string Latest = V110;

    /// <summary>True when <paramref name="version"/> is one of <see cref="Supported"/>.</summary>
    public static bool IsSupported(string? version) => version is V040 or V100 or V110;

    /// <summary>True when the version has GC and STATUS (1.1.0).</summary>
    public static bool HasGcAndStatus(string version) => version == V110;

    /// <summary>True when results carry <c>ips[].version</c> (0.4.0 only among ours).</summary>
    public static bool HasIPVersionField(string version) => version == V040;
}
