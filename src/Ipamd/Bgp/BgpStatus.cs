using Cloudnet.Providers.BareMetal.Bgp;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>The body of GET /v1/bgp.</summary>
/// <param name="Routing">bgp, static or none.</param>
/// <param name="RouterId">BGP router id.</param>
/// <param name="LocalAs">Local AS.</param>
/// <param name="OwnedBlocks">Blocks announced.</param>
/// <param name="Peers">Configured and mesh peers.</param>
/// <param name="BirdReachable">True when the last read of BIRD's socket worked.</param>
/// <param name="Protocols">BIRD's <c>show protocols</c>, as last read.</param>
/// <param name="StaticRoutes">Static-route mode: the routes programmed ("block via address").</param>
/// <param name="LastReloadAt">When BIRD last accepted a new configuration.</param>
/// <param name="LastError">The last failure (render, reload, status read), or null.</param>
public sealed record BgpStatus(
    string Routing,
    string? RouterId,
    long LocalAs,
    IReadOnlyList<string> OwnedBlocks,
    IReadOnlyList<string> Peers,
    bool BirdReachable,
    IReadOnlyList<BirdProtocolStatus> Protocols,
    IReadOnlyList<string> StaticRoutes,
    DateTimeOffset? LastReloadAt,
    string? LastError);
