using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// Node-wide networking the daemon programs for its provider: secondary interfaces and their
/// route tables, SNAT (AWS); blackhole routes for owned blocks and BIRD (bare metal). Applied
/// after every describe, so it is idempotent and converges on the provider's truth.
/// </summary>
public interface INodeNetwork
{
    /// <summary>Makes the node's networking match <paramref name="node"/>. Idempotent.</summary>
    Task ApplyAsync(NodeDescription node, CancellationToken cancellationToken);

    /// <summary>Removes everything this daemon programmed (uninstall). Idempotent.</summary>
    Task RemoveAsync(CancellationToken cancellationToken);
}
