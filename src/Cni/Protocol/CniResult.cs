namespace Cloudnet.Cni.Protocol;

/// <summary>
/// An ADD success result (spec section 5), independent of the version it is written in.
/// <see cref="ResultWriter"/> renders it for 0.4.0, 1.0.0 or 1.1.0.
/// </summary>
public sealed record CniResult(
    IReadOnlyList<CniInterface> Interfaces,
    IReadOnlyList<CniIPConfig> IPs,
    IReadOnlyList<CniRoute> Routes,
    DnsDocument? Dns)
{
    /// <summary>A result with nothing in it.</summary>
    public static CniResult Empty { get; } = new([], [], [], null);
}
