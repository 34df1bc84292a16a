using Cloudnet.Ipam.Pool;

namespace Cloudnet.Ipamd.Node;

/// <summary>The local provider's node networking: pods get host routes from the CNI binary; nothing node-wide.</summary>
public sealed class NoNodeNetwork : INodeNetwork
{
    /// <inheritdoc />
    public Task ApplyAsync(NodeDescription node, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RemoveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
