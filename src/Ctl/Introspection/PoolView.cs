namespace Cloudnet.Ctl.Introspection;

/// <summary>The daemon's GET /v1/pool (a copy of its shape; cloudnetctl does not link the daemon).</summary>
public sealed record PoolView(
    string Provider,
    string? NodeId,
    bool Ready,
    bool CanServeAdd,
    string Reason,
    int Total,
    int Assigned,
    int Available,
    int Cooling,
    int PendingAdds,
    IReadOnlyList<PoolInterfaceView> Interfaces);
