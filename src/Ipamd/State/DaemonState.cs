using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.State;

/// <summary>
/// Readiness and the latest provider description, shared by the gRPC service, the reconciler
/// and introspection.
/// </summary>
public sealed class DaemonState
{
    private volatile bool _ready;
    private volatile bool _draining;
    private volatile NodeDescription? _node;

    /// <summary>True once start-up reconciliation finished and the socket is open; false again while draining.</summary>
    public bool IsReady => _ready && !_draining;

    /// <summary>True after SIGTERM: no new requests are served.</summary>
    public bool IsDraining => _draining;

    /// <summary>The provider's last description of the node; null before the first describe.</summary>
    public NodeDescription? Node => _node;

    /// <summary>Records a fresh description.</summary>
    public void SetNode(NodeDescription node) => _node = node ?? throw new ArgumentNullException(nameof(node));

    /// <summary>Start-up is complete.</summary>
    public void MarkReady() => _ready = true;

    /// <summary>Shutdown began.</summary>
    public void MarkDraining() => _draining = true;
}
