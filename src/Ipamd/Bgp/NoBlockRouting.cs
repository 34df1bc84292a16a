using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>CLOUDNET_BAREMETAL_ROUTING=none: only the blackhole routes; something else distributes routes.</summary>
public sealed class NoBlockRouting : IBlockRouting
{
    /// <inheritdoc />
    public Task SetOwnedBlocksAsync(IReadOnlyList<Cidr> blocks, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ClusterChangedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RemoveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
